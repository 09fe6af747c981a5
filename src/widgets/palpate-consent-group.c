/* palpate-consent-group.c — the client's consents and refusals on the client's page
 *
 * Each consent and refusal on file is a row: what it is, when it was given and who obtained
 * it, the guardian for a minor, and the signature drawn small; a current one can be withdrawn
 * (it stays in the record, marked with the day it was withdrawn). Record Consent… opens the
 * dialog where the client signs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-consent-group"

#include "config.h"

#include <glib/gi18n.h>

#include "palpate-consent-dialog.h"
#include "palpate-consent-group.h"
#include "palpate-date.h"
#include "palpate-signature.h"

struct _PalpateConsentGroup
{
  AdwPreferencesGroup  parent_instance;

  PalpateStore        *store;
  gint64               client_id;
  GPtrArray           *consents;
  GPtrArray           *rows;
  GtkWidget           *record_button;
};

G_DEFINE_FINAL_TYPE (PalpateConsentGroup, palpate_consent_group, ADW_TYPE_PREFERENCES_GROUP)

static gboolean reload (PalpateConsentGroup  *self,
                        GError              **error);

static void
draw_signature_cb (GtkDrawingArea *area,
                   cairo_t        *cr,
                   int             width,
                   int             height,
                   gpointer        user_data)
{
  PalpateConsent *consent = user_data;
  GdkRGBA color;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &color);
  gdk_cairo_set_source_rgba (cr, &color);
  palpate_signature_draw (cr, consent->strokes, 0, 0, width, height, 1.2);
}

static char *
describe (PalpateConsent *consent)
{
  g_autofree char *given = palpate_format_day (consent->given_at);
  GString *text = g_string_new (NULL);

  /* Translators: "Given on 3 Dec 2026, obtained by Maria Rossi" */
  g_string_append_printf (text, _("Given on %s, obtained by %s"), given, consent->obtained_by);
  if (consent->guardian != NULL)
    /* Translators: appended for a minor, "; signed by the guardian Ana Delgado" */
    g_string_append_printf (text, _("; signed by the guardian %s"), consent->guardian);
  if (consent->withdrawn_at != NULL)
    {
      g_autofree char *withdrawn = palpate_format_day (consent->withdrawn_at);

      /* Translators: appended, "; withdrawn on 5 Dec 2026" */
      g_string_append_printf (text, _("; withdrawn on %s"), withdrawn);
    }

  return g_string_free (text, FALSE);
}

static char *
title_for (PalpateConsent *consent)
{
  const char *area = palpate_sensitive_area_get_name (consent->area);

  switch (consent->kind)
    {
    case PALPATE_CONSENT_SENSITIVE_AREA:
      /* Translators: "Written consent: Gluteal region" */
      return g_strdup_printf (_("Written consent: %s"), area);
    case PALPATE_CONSENT_REFUSAL:
      /* Translators: "Refused: Gluteal region" */
      return g_strdup_printf (_("Refused: %s"), area);
    case PALPATE_CONSENT_TREATMENT:
    default:
      return g_strdup (_("Consent to treatment"));
    }
}

static void
on_withdraw_clicked_cb (GtkButton           *button,
                        PalpateConsentGroup *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "consent-id"));
  g_autoptr(GError) error = NULL;

  if (!palpate_store_withdraw_consent (self->store, id, &error) || !reload (self, &error))
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "win.toast", "s", error->message);
      return;
    }
}

static void
add_row (PalpateConsentGroup *self,
         PalpateConsent      *consent)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = title_for (consent);
  g_autofree char *subtitle = describe (consent);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  if (consent->withdrawn_at != NULL)
    gtk_widget_add_css_class (row, "dim-label");

  if (palpate_consent_is_signed (consent))
    {
      GtkWidget *signature = gtk_drawing_area_new ();

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (signature), 96);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (signature), 32);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (signature), draw_signature_cb, consent,
                                      NULL);
      gtk_widget_set_valign (signature, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (signature), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Client’s signature"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), signature);
    }

  if (consent->withdrawn_at == NULL)
    {
      GtkWidget *withdraw = gtk_button_new_with_mnemonic (_("_Withdraw"));

      gtk_widget_set_valign (withdraw, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (withdraw), "consent-id", GSIZE_TO_POINTER (consent->id));
      g_signal_connect_object (withdraw, "clicked", G_CALLBACK (on_withdraw_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), withdraw);
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
}

static void
on_dialog_save_cb (PalpateConsentDialog *dialog,
                   PalpateConsentGroup  *self)
{
  g_autoptr(GError) error = NULL;

  if (!palpate_store_add_consent (self->store, palpate_consent_dialog_get_consent (dialog),
                                  &error) ||
      !reload (self, &error))
    {
      palpate_consent_dialog_show_error (dialog, error->message);
      return;
    }

  /* The new row is the confirmation: no toast, which would hold back a warning that follows
   * (a toast overlay shows one at a time). */
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_record_clicked_cb (GtkButton           *button,
                      PalpateConsentGroup *self)
{
  g_autoptr(PalpateClient) client = palpate_store_get_client (self->store, self->client_id, NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  PalpateConsentDialog *dialog;

  dialog = palpate_consent_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                       self->client_id);
  palpate_consent_dialog_set_minor (dialog, client != NULL &&
                                    palpate_client_is_minor_on (palpate_client_get_birth_date (client),
                                                                now));
  g_signal_connect_object (dialog, "save", G_CALLBACK (on_dialog_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
reload (PalpateConsentGroup  *self,
        GError              **error)
{
  g_autoptr(GPtrArray) consents = NULL;

  consents = palpate_store_list_consents (self->store, self->client_id, error);
  if (consents == NULL)
    return FALSE;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);
  g_clear_pointer (&self->consents, g_ptr_array_unref);
  self->consents = g_steal_pointer (&consents);

  /* Current ones first, newest first; withdrawn ones after them, kept as the record. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = self->consents->len; i > 0; i--)
      {
        PalpateConsent *consent = self->consents->pdata[i - 1];

        if ((consent->withdrawn_at == NULL) == (pass == 0))
          add_row (self, consent);
      }

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         self->consents->len == 0
                                         ? _("None recorded yet. Chest wall, inner thigh and "
                                             "gluteal region need written consent before they "
                                             "are treated.")
                                         : NULL);
  return TRUE;
}

static void
palpate_consent_group_dispose (GObject *object)
{
  PalpateConsentGroup *self = PALPATE_CONSENT_GROUP (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (palpate_consent_group_parent_class)->dispose (object);
}

static void
palpate_consent_group_finalize (GObject *object)
{
  PalpateConsentGroup *self = PALPATE_CONSENT_GROUP (object);

  /* The rows' signatures draw from these until the rows are gone. */
  g_clear_pointer (&self->consents, g_ptr_array_unref);

  G_OBJECT_CLASS (palpate_consent_group_parent_class)->finalize (object);
}

static void
palpate_consent_group_class_init (PalpateConsentGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = palpate_consent_group_dispose;
  object_class->finalize = palpate_consent_group_finalize;
}

static void
palpate_consent_group_init (PalpateConsentGroup *self)
{
  self->rows = g_ptr_array_new ();
  self->record_button = gtk_button_new_with_mnemonic (_("_Record Consent…"));
  gtk_widget_set_valign (self->record_button, GTK_ALIGN_CENTER);
  g_signal_connect_object (self->record_button, "clicked", G_CALLBACK (on_record_clicked_cb),
                           self, 0);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), self->record_button);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Consent"));
}

gboolean
palpate_consent_group_load (PalpateConsentGroup  *self,
                            PalpateStore         *store,
                            gint64                client_id,
                            GError              **error)
{
  g_return_val_if_fail (PALPATE_IS_CONSENT_GROUP (self), FALSE);
  g_return_val_if_fail (PALPATE_IS_STORE (store), FALSE);

  g_set_object (&self->store, store);
  self->client_id = client_id;

  return reload (self, error);
}
