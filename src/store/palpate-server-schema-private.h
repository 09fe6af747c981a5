/* palpate-server-schema-private.h — what the server schema's tables and rules share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "palpate-server-schema.h"

G_BEGIN_DECLS

/* What Palpate was doing when the server refused, so that its sentence can say so. */
typedef enum
{
  PALPATE_SERVER_CREATING,
  PALPATE_SERVER_READING,
} PalpateServerTask;

gboolean palpate_server_schema_exec      (PGconn             *conn,
                                          PalpateServerTask   task,
                                          const char         *sql,
                                          GError            **error);
void     palpate_server_schema_set_error (PGconn             *conn,
                                          const PGresult     *result,
                                          PalpateServerTask   task,
                                          GError            **error);

G_END_DECLS
