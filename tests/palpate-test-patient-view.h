/* palpate-test-patient-view.h — what the client's-view test programs share: a clinic of two
 * clients written once per kind and copied for each subtest, the application run on it, and
 * the hand's ways into and out of the client's view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "palpate-patient-view.h"
#include "palpate-window.h"

G_BEGIN_DECLS

#define CLIENT "Margaret Oduya"
#define ARABIC_CLIENT "ليلى حداد"
#define OTHER_CLIENT "Bartholomew Quist"
#define SOAP_SENTENCE "Hypertonic left QL with guarding on palpation"
#define THERAPIST_WORDS "Sore after gardening on the weekend"
#define HOME_CARE "Walk ten minutes after each meal"
#define ACTIVITY "Carry the shopping upstairs"
#define PIN "654321"
#define SORE_REGION "trapezius-upper-left"

typedef struct _Fixture Fixture;
typedef void (*CheckFunc) (Fixture       *fixture,
                           PalpateWindow *window);

struct _Fixture
{
  char      *tmpdir;
  char      *database_path;
  gboolean   with_pin;
  gboolean   todays_draft;
  gboolean   resolved_finding;
  const char *client_name;
  CheckFunc  check;
  gboolean   checked;
};

void                patient_view_templates_init  (void);
void                patient_view_templates_clear (void);
void                run                          (Fixture            *fixture,
                                                  CheckFunc           check);

void                click_button                 (GtkWidget          *root,
                                                  const char         *label);
GtkWindow          *wait_for_toplevel            (GType               type);
gboolean            toplevel_gone_cb             (gpointer            user_data);
gboolean            shows_text                   (GtkWidget          *root,
                                                  const char         *text);
void                click_show_client            (PalpateWindow      *window);
PalpatePatientView *open_view                    (PalpateWindow      *window);
gboolean            view_closed_cb               (gpointer            user_data);
void                type_wrong_pin               (PalpatePatientView *view,
                                                  const char         *pin);
void                leave_view                   (PalpateWindow      *window,
                                                  PalpatePatientView *view);
gint64              shown_client_id              (PalpateWindow      *window);

G_END_DECLS
