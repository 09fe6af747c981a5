/* palpate-visit-page-private.h — what the visit page's files share: its instance, saving and
 * the signed state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-visit-page.h"
#include "palpate-amendment-list.h"
#include "palpate-chain-prompt.h"
#include "palpate-earlier-findings.h"
#include "palpate-health-history-group.h"
#include "palpate-pain-scale.h"
#include "palpate-questionnaire-group.h"
#include "palpate-technique-form.h"

G_BEGIN_DECLS

/* Subjective, objective, assessment, plan and home care. */
#define N_SOAP 5

struct _PalpateVisitPage
{
  GtkBox            parent_instance;

  PalpateStore     *store;
  PalpateVisit     *visit;
  PalpateClient    *client;
  GListStore       *findings;
  GtkTextView      *soap_views[N_SOAP];
  guint             save_text_id;
  guint             retry_save_id;    /* while the clinic server cannot be reached */
  gint64            charting_id;      /* the draft said to the other rooms to be open here */
  guint             timer_id;
  char             *save_error;
  gboolean          loading;
  gboolean          unloading;

  /* The visit as the store had it when this page last read or saved it: what an edit made
   * here and one saved in another room both started from. */
  char             *base_soap[N_SOAP];
  int               base_pain_before;
  int               base_pain_after;
  int               base_duration;
  gboolean          base_consent;

  /* Template widgets */
  AdwWindowTitle   *title;
  GtkWidget        *sign_button;
  GtkLabel         *timer_label;
  GtkLabel         *saved_label;
  PalpateBodyMap   *body_map;
  PalpateAmendmentList *signed_group;
  PalpateEarlierFindings *ghost_group;
  PalpateChainPrompt *chain_group;
  PalpatePainScale *pain_before_scale;
  PalpatePainScale *pain_after_scale;
  GtkSpinButton    *duration_spin;
  GtkWidget        *take_time_button;
  PalpateTechniqueForm *techniques_group;
  GtkBox           *soap_box;
  AdwPreferencesGroup *psfs_group;
  PalpateQuestionnaireGroup *questionnaire_group;
  PalpateHealthHistoryGroup *health_history_group;
  GtkCheckButton   *consent_check;
};

void     _palpate_visit_page_class_actions_init    (GtkWidgetClass   *widget_class);
gboolean _palpate_visit_page_is_signed             (PalpateVisitPage *self);
void     _palpate_visit_page_show_saved            (PalpateVisitPage *self,
                                                    const GError     *error);
gboolean _palpate_visit_page_save_visit            (PalpateVisitPage *self);
void     _palpate_visit_page_reload_after_conflict (PalpateVisitPage *self,
                                                    const GError     *error);
void     _palpate_visit_page_apply_signed_state    (PalpateVisitPage *self);
void     _palpate_visit_page_remember_base         (PalpateVisitPage *self);
void     _palpate_visit_page_forget_base           (PalpateVisitPage *self);
void     _palpate_visit_page_mark_charting         (PalpateVisitPage *self);
void     _palpate_visit_page_unmark_charting       (PalpateVisitPage *self);
const char *_palpate_visit_page_soap_of            (PalpateVisit     *visit,
                                                    guint             index);
void     _palpate_visit_page_set_soap              (PalpateVisit     *visit,
                                                    guint             index,
                                                    const char       *text);
char    *_palpate_visit_page_buffer_text           (GtkTextView      *view);
void     _palpate_visit_page_set_buffer_text       (GtkTextView      *view,
                                                    const char       *text);
void     _palpate_visit_page_start_timer           (PalpateVisitPage *self);

G_END_DECLS
