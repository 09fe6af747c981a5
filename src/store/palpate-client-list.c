/* palpate-client-list.c — the clinic's clients as a list model: every id at once, rows on demand
 *
 * A clinic may hold a hundred thousand clients; the sidebar shows a dozen at a time. The list
 * reads the ids of the clients a search matches, in name order, with one query, and reads a
 * client's row (name, phone, contraindications, visits, no-touch zones) only when a view asks
 * for its item, a page of rows around it at a time. A few pages stay in memory, so that
 * scrolling back and forth does not read the same rows again.
 *
 * On a clinic server, every keystroke of a search asking the server for the matches in name
 * order would sort them there each time: some ten milliseconds for a letter that ten thousand
 * clients' names or numbers hold. The list reads instead, once, every client's id and search
 * text in name order (the directory), and matches each search against it here, as the server
 * would (LIKE '%…%' is the text as typed anywhere in the search text). The directory is read
 * again when this connection may have written the clients' table or made its session again
 * since (palpate_db_get_writes()), and when told that another room changed the clinic
 * (palpate_client_list_search_again()); saving a visit leaves it as it is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-client-list"

#include "config.h"

#include "palpate-client-list.h"

#include <string.h>

#include "palpate-client-search-private.h"
#include "palpate-store-private.h"

/* Rows read together: about two screens of a sidebar. */
#define PAGE_SIZE 64
/* Pages kept: a few screens above and below what is shown. */
#define MAX_PAGES 8

struct _PalpateClientList
{
  GObject       parent_instance;

  PalpateStore *store;
  char         *search;
  GArray       *ids;      /* gint64: the clients matching the search, by name */
  GHashTable   *pages;    /* page number → GPtrArray of PalpateClient, PAGE_SIZE or fewer */
  GQueue        recent;   /* page numbers, the one read last first */
  GHashTable   *zoned;    /* ids of the clients read who have standing no-touch zones */

  /* On a clinic server only: every client, by name (see above). */
  GArray       *directory_ids;      /* gint64, NULL when not read */
  GArray       *directory_offsets;  /* guint, where each client's search text starts */
  GString      *directory_texts;    /* the search texts, each ended by a NUL */
  guint64       directory_writes;   /* palpate_db_get_writes (…, "clients") when read */
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_N_ITEMS,
  N_PROPS
};

enum {
  READ_FAILED,
  N_SIGNALS
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PalpateClientList, palpate_client_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
forget_rows (PalpateClientList *self)
{
  g_hash_table_remove_all (self->pages);
  g_queue_clear (&self->recent);
}

static void
forget_directory (PalpateClientList *self)
{
  g_clear_pointer (&self->directory_ids, g_array_unref);
  g_clear_pointer (&self->directory_offsets, g_array_unref);
  if (self->directory_texts != NULL)
    g_string_free (self->directory_texts, TRUE);
  self->directory_texts = NULL;
}

/* Reads every client's id and search text, by name, unless what was read is still current. */
static gboolean
read_directory (PalpateClientList  *self,
                GError            **error)
{
  PalpateDb *db = palpate_store_get_conn (self->store);
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  if (db != NULL && self->directory_ids != NULL &&
      self->directory_writes == palpate_db_get_writes (db, "clients"))
    return TRUE;

  forget_directory (self);
  stmt = palpate_store_db_prepare (self->store,
                                   "SELECT id, search_text FROM clients ORDER BY lower (name), id",
                                   error);
  if (stmt == NULL)
    return FALSE;

  self->directory_writes = palpate_db_get_writes (db, "clients");
  self->directory_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->directory_offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  self->directory_texts = g_string_new (NULL);
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      gint64 id = palpate_db_column_int64 (stmt, 0);
      guint offset = (guint) self->directory_texts->len;

      g_array_append_val (self->directory_ids, id);
      g_array_append_val (self->directory_offsets, offset);
      g_string_append (self->directory_texts, palpate_store_db_column_text (stmt, 1));
      g_string_append_c (self->directory_texts, '\0');
    }
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    {
      forget_directory (self);
      return FALSE;
    }
  return TRUE;
}

/* The ids of the clients of the directory whose search text holds @folded, by name. */
static GArray *
match_directory (PalpateClientList *self,
                 const char        *folded)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < self->directory_ids->len; i++)
    {
      const char *text = self->directory_texts->str +
                         g_array_index (self->directory_offsets, guint, i);

      if (*folded == '\0' || strstr (text, folded) != NULL)
        g_array_append_val (ids, g_array_index (self->directory_ids, gint64, i));
    }
  return ids;
}

/* The ids of the clients matching @text, by name. On a server, from the directory; in a file,
 * three or more characters use the trigram index, fewer scan the folded names, as
 * palpate_store_search_clients() does. The name order is written for each back end's index
 * clients_by_name: the file's is on (name COLLATE NOCASE, id), the server's on
 * (lower (name), id), which has no NOCASE. Both fold ASCII letters alike; the server's
 * lower () also folds other letters, by its locale. */
static GArray *
read_ids (PalpateClientList  *self,
          const char         *text,
          GError            **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *folded = palpate_store_fold_for_search (stripped);
  g_autofree char *search = NULL;
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  if (palpate_store_is_on_server (self->store))
    {
      if (!read_directory (self, error))
        return NULL;
      return match_directory (self, folded);
    }

  if (*folded == '\0')
    {
      stmt = palpate_store_db_prepare (self->store,
                                       "SELECT id FROM clients ORDER BY name COLLATE NOCASE, id",
                                       error);
    }
  else if (g_utf8_strlen (folded, -1) >= PALPATE_CLIENT_SEARCH_INDEXED_LENGTH)
    {
      /* The file: its FTS5 trigram table, searched for the text as one phrase. */
      search = palpate_client_search_phrase (folded);
      stmt = palpate_store_db_prepare (self->store,
                                       "SELECT id FROM clients WHERE id IN "
                                       "  (SELECT rowid FROM clients_search "
                                       "   WHERE clients_search MATCH ?1) "
                                       "ORDER BY name COLLATE NOCASE, id",
                                       error);
    }
  else
    {
      search = g_strdup (folded);
      stmt = palpate_store_db_prepare (self->store,
                                       "SELECT id FROM clients WHERE instr (search_text, ?1) > 0 "
                                       "ORDER BY name COLLATE NOCASE, id",
                                       error);
    }
  if (stmt == NULL)
    return NULL;

  if (search != NULL)
    palpate_db_bind_text (stmt, 1, search);
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      gint64 id = palpate_db_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

  return g_steal_pointer (&ids);
}

static PalpateClient *
client_from_row (PalpateClientList  *self,
                 PalpateDbStatement *stmt)
{
  PalpateClient *client = palpate_client_new ();
  const char *contraindications_json = palpate_store_db_column_text (stmt, 3);
  g_auto(GStrv) contraindications = palpate_store_strv_from_json (contraindications_json);
  g_autoptr(GDateTime) last_visit_at = palpate_store_db_column_datetime (stmt, 5);
  gint64 id = palpate_db_column_int64 (stmt, 0);

  palpate_client_set_id (client, id);
  palpate_client_set_name (client, palpate_store_db_column_text (stmt, 1));
  palpate_client_set_phone (client, palpate_store_db_column_text (stmt, 2));
  palpate_client_set_contraindications (client, (const char * const *) contraindications);
  palpate_client_set_visit_count (client, palpate_db_column_int (stmt, 4));
  palpate_client_set_last_visit_at (client, last_visit_at);

  if (palpate_db_column_int (stmt, 6))
    g_hash_table_add (self->zoned, g_memdup2 (&id, sizeof id));
  else
    g_hash_table_remove (self->zoned, &id);

  return client;
}

/* A page's ids as parameters: always PAGE_SIZE of them, so that every page is read by the same
 * statement; a short last page repeats its first id, which IN reads once. */
G_STATIC_ASSERT (PAGE_SIZE == 64);
#define EIGHT_IDS "?, ?, ?, ?, ?, ?, ?, ?"
#define PAGE_IDS \
  EIGHT_IDS ", " EIGHT_IDS ", " EIGHT_IDS ", " EIGHT_IDS ", " \
  EIGHT_IDS ", " EIGHT_IDS ", " EIGHT_IDS ", " EIGHT_IDS

/* Reads the rows of one page with one query, each row one lookup by id, however large the
 * clinic. A client gone since the ids were read keeps a row with its id and no name rather
 * than shifting the others. */
static GPtrArray *
read_page (PalpateClientList  *self,
           guint               page,
           GError            **error)
{
  g_autoptr(GPtrArray) clients = NULL;
  g_autoptr(GHashTable) read = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                      g_object_unref);
  guint first = page * PAGE_SIZE;
  guint n = MIN (PAGE_SIZE, self->ids->len - first);
  PalpateDbStatement *stmt;
  PalpateDbStep step;

  if (n == 0)
    return g_ptr_array_new_with_free_func (g_object_unref);

  stmt = palpate_store_db_prepare (self->store,
                                   "SELECT c.id, c.name, c.phone, c.contraindications, "
                                   "(SELECT count (*) FROM visits v WHERE v.client_id = c.id), "
                                   "(SELECT max (v.started_at) FROM visits v "
                                   " WHERE v.client_id = c.id), "
                                   "CASE WHEN EXISTS (SELECT 1 FROM client_zones z "
                                   "                  WHERE z.client_id = c.id) "
                                   "THEN 1 ELSE 0 END "
                                   "FROM clients c WHERE c.id IN (" PAGE_IDS ")",
                                   error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < PAGE_SIZE; i++)
    palpate_db_bind_int64 (stmt, (int) i + 1,
                           g_array_index (self->ids, gint64, first + (i < n ? i : 0)));
  while ((step = palpate_db_step (stmt, error)) == PALPATE_DB_ROW)
    {
      PalpateClient *client = client_from_row (self, stmt);
      gint64 id = palpate_client_get_id (client);

      g_hash_table_insert (read, g_memdup2 (&id, sizeof id), client);
    }
  palpate_db_reset (stmt);

  if (step == PALPATE_DB_ERROR)
    return NULL;

  clients = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = g_array_index (self->ids, gint64, first + i);
      PalpateClient *client = g_hash_table_lookup (read, &id);

      if (client != NULL)
        {
          g_ptr_array_add (clients, g_object_ref (client));
        }
      else
        {
          client = palpate_client_new ();
          palpate_client_set_id (client, id);
          g_ptr_array_add (clients, client);
        }
    }

  return g_steal_pointer (&clients);
}

static GPtrArray *
lookup_page (PalpateClientList *self,
             guint              page)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *clients = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));

  if (clients != NULL)
    {
      g_queue_remove (&self->recent, GUINT_TO_POINTER (page));
      g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));
      return clients;
    }

  clients = read_page (self, page, &error);
  if (clients == NULL)
    {
      /* Not kept: the next time the rows are asked for, they are read again. */
      g_signal_emit (self, signals [READ_FAILED], 0, error->message);
      return NULL;
    }

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), clients);
  g_queue_push_head (&self->recent, GUINT_TO_POINTER (page));
  while (g_queue_get_length (&self->recent) > MAX_PAGES)
    g_hash_table_remove (self->pages, g_queue_pop_tail (&self->recent));

  return clients;
}

/* Puts @ids in place of the list's, telling views only about the part that changed (a client
 * added or renamed moves one row; the rows above and below stay where they are on screen). */
static void
replace_ids (PalpateClientList *self,
             GArray            *ids)
{
  g_autoptr(GArray) old = g_steal_pointer (&self->ids);
  guint prefix = 0;
  guint suffix = 0;

  self->ids = g_array_ref (ids);
  forget_rows (self);

  while (prefix < old->len && prefix < ids->len &&
         g_array_index (old, gint64, prefix) == g_array_index (ids, gint64, prefix))
    prefix++;
  while (suffix < old->len - prefix && suffix < ids->len - prefix &&
         g_array_index (old, gint64, old->len - 1 - suffix) ==
         g_array_index (ids, gint64, ids->len - 1 - suffix))
    suffix++;

  if (old->len - prefix - suffix > 0 || ids->len - prefix - suffix > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), prefix, old->len - prefix - suffix,
                                ids->len - prefix - suffix);
  if (old->len != ids->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_N_ITEMS]);
}

static GType
palpate_client_list_get_item_type (GListModel *model)
{
  return PALPATE_TYPE_CLIENT;
}

static guint
palpate_client_list_get_n_items (GListModel *model)
{
  return PALPATE_CLIENT_LIST (model)->ids->len;
}

static gpointer
palpate_client_list_get_item (GListModel *model,
                              guint       position)
{
  PalpateClientList *self = PALPATE_CLIENT_LIST (model);
  GPtrArray *clients;
  PalpateClient *client;

  if (position >= self->ids->len)
    return NULL;

  clients = lookup_page (self, position / PAGE_SIZE);
  if (clients != NULL)
    return g_object_ref (g_ptr_array_index (clients, position % PAGE_SIZE));

  /* A row that could not be read still takes its place, so that the list keeps its length. */
  client = palpate_client_new ();
  palpate_client_set_id (client, g_array_index (self->ids, gint64, position));
  return client;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = palpate_client_list_get_item_type;
  iface->get_n_items = palpate_client_list_get_n_items;
  iface->get_item = palpate_client_list_get_item;
}

static void
palpate_client_list_dispose (GObject *object)
{
  PalpateClientList *self = PALPATE_CLIENT_LIST (object);

  forget_rows (self);
  forget_directory (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (palpate_client_list_parent_class)->dispose (object);
}

static void
palpate_client_list_finalize (GObject *object)
{
  PalpateClientList *self = PALPATE_CLIENT_LIST (object);

  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->zoned, g_hash_table_unref);

  G_OBJECT_CLASS (palpate_client_list_parent_class)->finalize (object);
}

static void
palpate_client_list_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PalpateClientList *self = PALPATE_CLIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_client_list_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PalpateClientList *self = PALPATE_CLIENT_LIST (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
palpate_client_list_class_init (PalpateClientListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = palpate_client_list_dispose;
  object_class->finalize = palpate_client_list_finalize;
  object_class->get_property = palpate_client_list_get_property;
  object_class->set_property = palpate_client_list_set_property;

  /**
   * PalpateClientList:store:
   *
   * The clinic whose clients are listed.
   */
  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PALPATE_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * PalpateClientList:n-items:
   *
   * How many clients match the search.
   */
  properties [PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PalpateClientList::read-failed:
   * @message: why, in a sentence for the therapist
   *
   * Rows asked for could not be read from the clinic file; they are listed without their names
   * until they are asked for again.
   */
  signals [READ_FAILED] =
    g_signal_new ("read-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
palpate_client_list_init (PalpateClientList *self)
{
  self->search = g_strdup ("");
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->zoned = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_queue_init (&self->recent);
}

/**
 * palpate_client_list_new:
 * @store: the clinic
 *
 * A list of the clinic's clients by name, with no search: call
 * palpate_client_list_reload() to read them.
 */
PalpateClientList *
palpate_client_list_new (PalpateStore *store)
{
  g_return_val_if_fail (PALPATE_IS_STORE (store), NULL);

  return g_object_new (PALPATE_TYPE_CLIENT_LIST,
                       "store", store,
                       NULL);
}

PalpateStore *
palpate_client_list_get_store (PalpateClientList *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT_LIST (self), NULL);

  return self->store;
}

/**
 * palpate_client_list_get_search:
 *
 * Returns: the text the listed clients match; empty lists everyone
 */
const char *
palpate_client_list_get_search (PalpateClientList *self)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT_LIST (self), NULL);

  return self->search;
}

/**
 * palpate_client_list_set_search:
 * @text: (nullable): any part of a name or phone number; empty or %NULL lists everyone
 *
 * Lists the clients matching @text. When they cannot be read the list stays as it was.
 */
gboolean
palpate_client_list_set_search (PalpateClientList  *self,
                                const char         *text,
                                GError            **error)
{
  g_autoptr(GArray) ids = NULL;
  char *search;

  g_return_val_if_fail (PALPATE_IS_CLIENT_LIST (self), FALSE);

  ids = read_ids (self, text, error);
  if (ids == NULL)
    return FALSE;

  /* @text may be self->search itself (a reload): copied before the old one goes. */
  search = g_strdup (text ? text : "");
  g_free (self->search);
  self->search = search;
  replace_ids (self, ids);
  return TRUE;
}

/**
 * palpate_client_list_search_again:
 * @text: (nullable): any part of a name or phone number; empty or %NULL lists everyone
 *
 * Lists the clients matching @text as palpate_client_list_set_search() does, reading every
 * client again: after another room added, renamed or removed one, which this connection did
 * not write.
 */
gboolean
palpate_client_list_search_again (PalpateClientList  *self,
                                  const char         *text,
                                  GError            **error)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT_LIST (self), FALSE);

  forget_directory (self);
  return palpate_client_list_set_search (self, text, error);
}

/**
 * palpate_client_list_reload:
 *
 * Reads again which clients match the search, and their rows, after clients were added,
 * renamed or removed, or visits recorded, here or in another room.
 */
gboolean
palpate_client_list_reload (PalpateClientList  *self,
                            GError            **error)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT_LIST (self), FALSE);

  return palpate_client_list_search_again (self, self->search, error);
}

/**
 * palpate_client_list_client_changed:
 *
 * Reads the client's row again (a visit recorded or signed) and tells the views.
 */
void
palpate_client_list_client_changed (PalpateClientList *self,
                                    gint64             client_id)
{
  guint position;

  g_return_if_fail (PALPATE_IS_CLIENT_LIST (self));

  position = palpate_client_list_find (self, client_id);
  if (position == G_MAXUINT)
    return;

  g_hash_table_remove (self->pages, GUINT_TO_POINTER (position / PAGE_SIZE));
  g_queue_remove (&self->recent, GUINT_TO_POINTER (position / PAGE_SIZE));
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 1);
}

/**
 * palpate_client_list_get_id:
 *
 * The id of the client at @position, without reading their row.
 *
 * Returns: the id, or 0 past the end
 */
gint64
palpate_client_list_get_id (PalpateClientList *self,
                            guint              position)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT_LIST (self), 0);

  if (position >= self->ids->len)
    return 0;

  return g_array_index (self->ids, gint64, position);
}

/**
 * palpate_client_list_find:
 *
 * Returns: where the client is in the list, or %G_MAXUINT when the search leaves them out
 */
guint
palpate_client_list_find (PalpateClientList *self,
                          gint64             client_id)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT_LIST (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == client_id)
      return i;

  return G_MAXUINT;
}

/**
 * palpate_client_list_has_zones:
 *
 * Whether a client whose row was read has standing no-touch zones: the sidebar marks them, as
 * it marks contraindications.
 */
gboolean
palpate_client_list_has_zones (PalpateClientList *self,
                               gint64             client_id)
{
  g_return_val_if_fail (PALPATE_IS_CLIENT_LIST (self), FALSE);

  return g_hash_table_contains (self->zoned, &client_id);
}
