/* palpate-consent-check.c — the consent asked for before a sensitive area is treated
 *
 * CMTO's Standard of Practice on consent: a sensitive area (chest wall, inner thigh, gluteal
 * region) is treated only with the client's written consent on file and their verbal consent
 * again at the visit; a refusal on file blocks it. The rule itself is the core's
 * (palpate_sensitive_area_check()); this asks the therapist for the verbal consent and says why
 * when the area cannot be treated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-consent-check"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-consent-check.h"

typedef struct
{
  GtkWidget            *widget;
  PalpateStore         *store;
  gint64                visit_id;
  PalpateSensitiveArea  area;
  char                 *action_name;
} VerbalConsent;

static void
verbal_consent_free (gpointer data,
                     GClosure *closure)
{
  VerbalConsent *verbal = data;

  g_object_unref (verbal->widget);
  g_object_unref (verbal->store);
  g_free (verbal->action_name);
  g_free (verbal);
}

static void
toast (GtkWidget  *widget,
       const char *message)
{
  gtk_widget_activate_action (widget, "win.toast", "s", message);
}

static void
verbal_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    VerbalConsent    *verbal)
{
  g_autoptr(GError) error = NULL;

  if (!g_str_equal (response, "yes"))
    return;

  if (!palpate_store_add_verbal_consent (verbal->store, verbal->visit_id, verbal->area, &error))
    {
      toast (verbal->widget, error->message);
      return;
    }

  /* The consent is now in the record: the action is asked for again and goes through. */
  gtk_widget_activate_action (verbal->widget, verbal->action_name, NULL);
}

/**
 * palpate_consent_check_region:
 * @widget: the page the technique is applied from, which has @action_name
 * @action_name: the action applying the technique, activated again once the client's verbal
 *   consent is recorded
 *
 * Returns: whether the technique may be applied to @region_id now. Otherwise either the area
 *   cannot be treated (a toast says why) or the therapist is asked whether the client gave
 *   verbal consent today; Yes records it and activates @action_name again.
 */
gboolean
palpate_consent_check_region (GtkWidget    *widget,
                              PalpateStore *store,
                              gint64        client_id,
                              gint64        visit_id,
                              const char   *region_id,
                              const char   *action_name)
{
  PalpateSensitiveArea area = palpate_sensitive_area_for_region (region_id);
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  gboolean written, refused, verbal_today;
  VerbalConsent *verbal;
  GtkWidget *dialog;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (PALPATE_IS_STORE (store), FALSE);

  if (area == PALPATE_SENSITIVE_AREA_NONE)
    return TRUE;

  consents = palpate_store_list_consents (store, client_id, &error);
  if (consents == NULL ||
      !palpate_store_has_verbal_consent (store, visit_id, area, &verbal_today, &error))
    {
      toast (widget, error->message);
      return FALSE;
    }

  palpate_consents_for_area (consents, area, &written, &refused);
  if (!written || refused || verbal_today)
    {
      if (palpate_sensitive_area_check (area, written, refused, verbal_today, &error))
        return TRUE;

      toast (widget, error->message);
      return FALSE;
    }

  name = g_utf8_strdown (palpate_sensitive_area_get_name (area), -1);
  /* Translators: "Did the client give verbal consent today to treatment of the gluteal
   * region?"; the area's name is lower-cased. */
  body = g_strdup_printf (_("Did the client give verbal consent today to treatment of the %s?"),
                          name);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Verbal Consent"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "no", _("_No"),
                                    "yes", _("_Yes, Apply"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "yes",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "no");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "no");

  verbal = g_new0 (VerbalConsent, 1);
  verbal->widget = g_object_ref (widget);
  verbal->store = g_object_ref (store);
  verbal->visit_id = visit_id;
  verbal->area = area;
  verbal->action_name = g_strdup (action_name);
  g_signal_connect_data (dialog, "response", G_CALLBACK (verbal_response_cb), verbal,
                         verbal_consent_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return FALSE;
}
