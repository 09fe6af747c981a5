/* test-db-tls.c — a clinic server whose certificate names another host: PalpateDb does not
 * connect, and says that the certificate does not match rather than that the server is away
 *
 * The server is a stand-in on the loopback that speaks just enough of PostgreSQL's protocol
 * (the TLS request, a handshake with a certificate of a test authority made for the test,
 * then "authenticated, ready"), so that what libpq checks is the certificate alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "palpate-db.h"
#include "palpate-store-error.h"

typedef struct
{
  GSocketListener *listener;
  GTlsCertificate *certificate;
  guint            sessions;    /* how many connections to answer */
} Server;

/* A certificate authority and a server certificate it signed for @name, in @folder. */
static gboolean
make_certificates (const char *folder,
                   const char *name)
{
  g_autofree char *extensions = g_build_filename (folder, "server.ext", NULL);
  g_autofree char *san = g_strdup_printf ("subjectAltName = DNS:%s\n", name);
  g_autofree char *subject = g_strdup_printf ("/CN=%s", name);
  const char *const ca[] = {
    "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
    "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=Palpate test CA",
    NULL
  };
  const char *const request[] = {
    "openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", "server.key", "-out", "server.csr", "-subj", subject, NULL
  };
  const char *const sign[] = {
    "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
    "-CAcreateserial", "-out", "server.crt", "-days", "2", "-extfile", "server.ext", NULL
  };
  const char *const *steps[] = { ca, request, sign };

  g_assert_true (g_file_set_contents (extensions, san, -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      int status = -1;

      if (!g_spawn_sync (folder, (char **) steps[i], NULL,
                         G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                         G_SPAWN_STDERR_TO_DEV_NULL,
                         NULL, NULL, NULL, NULL, &status, NULL) ||
          !g_spawn_check_wait_status (status, NULL))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_all (GOutputStream *out,
           const void    *bytes,
           gsize          size)
{
  return g_output_stream_write_all (out, bytes, size, NULL, NULL, NULL);
}

/* One session: TLS if asked, then whatever start-up message comes is taken as authenticated. */
static void
answer (Server            *server,
        GSocketConnection *connection)
{
  static const guint8 authenticated[] = { 'R', 0, 0, 0, 8, 0, 0, 0, 0 };
  static const guint8 ready[] = { 'Z', 0, 0, 0, 5, 'I' };
  g_autoptr(GIOStream) tls = NULL;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  guint8 header[8];
  guint8 length[4];
  gsize read;
  guint32 size;
  g_autofree guint8 *startup = NULL;

  /* The TLS request: length 8, code 80877103. */
  if (!g_input_stream_read_all (in, header, sizeof header, &read, NULL, NULL) || read != 8)
    return;
  if (!write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)), "S", 1))
    return;

  tls = g_tls_server_connection_new (G_IO_STREAM (connection), server->certificate, NULL);
  if (tls == NULL || !g_tls_connection_handshake (G_TLS_CONNECTION (tls), NULL, NULL))
    return;   /* the client refused the certificate */

  in = g_io_stream_get_input_stream (tls);
  if (!g_input_stream_read_all (in, length, sizeof length, &read, NULL, NULL) || read != 4)
    return;
  size = GUINT32_FROM_BE (*(guint32 *) length);
  if (size < 8 || size > 10000)
    return;
  startup = g_malloc (size - 4);
  if (!g_input_stream_read_all (in, startup, size - 4, &read, NULL, NULL) || read != size - 4)
    return;

  if (!write_all (g_io_stream_get_output_stream (tls), authenticated, sizeof authenticated) ||
      !write_all (g_io_stream_get_output_stream (tls), ready, sizeof ready))
    return;

  /* Until the client says goodbye or goes. */
  while (g_input_stream_read (in, header, 1, NULL, NULL) > 0)
    ;
}

static gpointer
serve (gpointer data)
{
  Server *server = data;

  for (guint i = 0; i < server->sessions; i++)
    {
      g_autoptr(GSocketConnection) connection = g_socket_listener_accept (server->listener,
                                                                          NULL, NULL, NULL);

      if (connection == NULL)
        break;
      answer (server, connection);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
    }
  return NULL;
}

static void
test_certificate_mismatch (void)
{
  g_autofree char *folder = g_dir_make_tmp ("palpate-db-tls-XXXXXX", NULL);
  g_autofree char *crt = g_build_filename (folder, "server.crt", NULL);
  g_autofree char *key = g_build_filename (folder, "server.key", NULL);
  g_autofree char *ca = g_build_filename (folder, "ca.crt", NULL);
  g_autofree char *conninfo = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GThread) thread = NULL;
  Server server = { 0 };
  PalpateDb *db;
  guint16 port;
  const char *names[] = { "ca.key", "ca.crt", "ca.srl", "server.key", "server.csr",
                          "server.crt", "server.ext" };

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("GIO has no TLS back end (glib-networking) for the stand-in server");
      return;
    }
  if (!make_certificates (folder, "clinic.example"))
    {
      g_test_skip ("openssl could not make the test certificates");
      return;
    }

  server.certificate = g_tls_certificate_new_from_files (crt, key, &error);
  g_assert_no_error (error);
  server.listener = g_socket_listener_new ();
  {
    g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
    g_autoptr(GSocketAddress) any_port = g_inet_socket_address_new (loopback, 0);
    g_autoptr(GSocketAddress) bound = NULL;

    g_assert_true (g_socket_listener_add_address (server.listener, any_port,
                                                  G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                  NULL, &bound, &error));
    g_assert_no_error (error);
    port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  }

  /* The certificate is for clinic.example, the server is reached as 127.0.0.1: refused.
   * PalpateDb then asks once more checking the chain alone, which passes. */
  server.sessions = 2;
  thread = g_thread_new ("stand-in server", serve, &server);
  conninfo = g_strdup_printf ("host=127.0.0.1 port=%u dbname=clinic user=room1 "
                              "sslrootcert=%s gssencmode=disable connect_timeout=10",
                              port, ca);
  db = palpate_db_connect_postgresql (conninfo, &error);
  g_assert_null (db);
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "certificate does not match its name"));
  g_clear_error (&error);
  g_thread_join (g_steal_pointer (&thread));

  /* Reached by the name on its certificate, it would do; here the same server is simply away
   * once it stops answering, and that is said differently. */
  g_socket_listener_close (server.listener);
  db = palpate_db_connect_postgresql (conninfo, &error);
  g_assert_null (db);
  g_assert_error (error, PALPATE_STORE_ERROR, PALPATE_STORE_ERROR_UNREACHABLE);
  g_assert_null (strstr (error->message, "certificate"));

  g_object_unref (server.listener);
  g_object_unref (server.certificate);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (folder, names[i], NULL);

      g_unlink (path);
    }
  g_rmdir (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/Palpate/Db/postgresql/certificate-mismatch", test_certificate_mismatch);

  return g_test_run ();
}
