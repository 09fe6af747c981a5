/* palpate-test-input.h — a hand's input for end-to-end tests: real X events (XTEST) aimed at
 * widgets on screen, typing, accelerators and drags, then waiting for the expected state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Modifiers for palpate_test_input_click_with(); the same bits as GdkModifierType. */
typedef GdkModifierType PalpateTestModifiers;

void     palpate_test_input_init          (void);
gboolean palpate_test_input_focus_window  (GtkWindow        *window);
gboolean palpate_test_input_wait_visible  (GtkWidget        *widget,
                                           guint             timeout_ms);

void     palpate_test_input_move_to       (GtkWidget        *widget,
                                           double            x,
                                           double            y);
void     palpate_test_input_click         (GtkWidget        *widget);
void     palpate_test_input_click_at      (GtkWidget        *widget,
                                           double            x,
                                           double            y);
void     palpate_test_input_click_with    (GtkWidget        *widget,
                                           GdkModifierType   modifiers);
void     palpate_test_input_double_click  (GtkWidget        *widget);
void     palpate_test_input_right_click   (GtkWidget        *widget);
void     palpate_test_input_drag          (GtkWidget        *widget,
                                           const graphene_point_t *points,
                                           guint             n_points);
void     palpate_test_input_scroll        (GtkWidget        *widget,
                                           int               steps);

void     palpate_test_input_key           (const char       *accelerator);
void     palpate_test_input_type          (const char       *text);
void     palpate_test_input_paste         (GtkWidget        *target,
                                           const char       *text);
void     palpate_test_input_settle        (void);

G_END_DECLS
