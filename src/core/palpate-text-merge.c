/* palpate-text-merge.c — two edits of one text, kept together
 *
 * Two rooms chart the same draft: this one typed into a note that the other saved first. The
 * other room's words are saved; what was typed here must not vanish with the reload. The
 * merge keeps both: a note changed on one side only is that side's; words typed here into a
 * note the other room also changed are put where they were typed when the words around them
 * are still there (after the other room's words when typed at the end), and otherwise after
 * the other room's text, on a line of their own.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "palpate-text-merge.h"

static gboolean
is_continuation_byte (char c)
{
  return ((guchar) c & 0xC0) == 0x80;
}

/* Joins @first and @second, on a line of its own unless @first is empty or ends one. */
static char *
join_on_new_line (const char *first,
                  const char *second)
{
  gsize length = strlen (first);

  if (length == 0 || first[length - 1] == '\n')
    return g_strconcat (first, second, NULL);
  return g_strconcat (first, "\n", second, NULL);
}

/**
 * palpate_text_merge:
 * @base: (nullable): the text as both sides had it before their edits
 * @mine: (nullable): the text as edited here
 * @theirs: (nullable): the text as edited and saved elsewhere
 *
 * Merges an edit made here with one saved elsewhere over the same @base, losing neither.
 * %NULL stands for an empty text.
 *
 * Returns: (transfer full): the merged text
 */
char *
palpate_text_merge (const char *base,
                    const char *mine,
                    const char *theirs)
{
  gsize base_length, mine_length, prefix = 0, suffix = 0;

  base = base != NULL ? base : "";
  mine = mine != NULL ? mine : "";
  theirs = theirs != NULL ? theirs : "";

  if (g_str_equal (mine, base))
    return g_strdup (theirs);
  if (g_str_equal (theirs, base) || g_str_equal (theirs, mine))
    return g_strdup (mine);
  /* A note both sides started: two texts of their own. */
  if (*base == '\0')
    return join_on_new_line (theirs, mine);

  /* What this side did to @base: the words before and after it are unchanged. */
  base_length = strlen (base);
  mine_length = strlen (mine);
  while (prefix < base_length && prefix < mine_length && base[prefix] == mine[prefix])
    prefix++;
  while (prefix > 0 && is_continuation_byte (mine[prefix]))
    prefix--;
  while (suffix < base_length - prefix && suffix < mine_length - prefix &&
         base[base_length - 1 - suffix] == mine[mine_length - 1 - suffix])
    suffix++;
  while (suffix > 0 && is_continuation_byte (mine[mine_length - suffix]))
    suffix--;

  /* Only words added here: they go where they were typed, if the words before that place (or
   * else those after it) are still there. Added at the end, they come after the other room's
   * words, as they were typed after them. */
  if (prefix + suffix == base_length)
    {
      g_autofree char *added = g_strndup (mine + prefix, mine_length - prefix - suffix);
      gsize theirs_length = strlen (theirs);

      if (g_str_has_prefix (theirs, base))
        {
          /* The other room added after the whole note, or left its start alone. */
          if (prefix == base_length)
            return g_strconcat (theirs, added, NULL);
          if (prefix == 0)
            return g_strconcat (added, theirs, NULL);
        }
      if (prefix > 0 && strncmp (theirs, base, prefix) == 0)
        {
          g_autofree char *before = g_strndup (theirs, prefix);

          return g_strconcat (before, added, theirs + prefix, NULL);
        }
      if (suffix > 0 && g_str_has_suffix (theirs, base + prefix))
        {
          g_autofree char *before = g_strndup (theirs, theirs_length - suffix);

          return g_strconcat (before, added, base + prefix, NULL);
        }
      return join_on_new_line (theirs, added);
    }

  /* Words changed on both sides: the other room's text, then this one's. */
  return join_on_new_line (theirs, mine);
}
