/* palpate-questionnaire.c — the Neck Disability Index and the Oswestry Disability Index as the
 * client reads them: ten sections of six statements each, scored 0–5, with their sources
 *
 * The wording follows the published instruments; a translation must follow a validated
 * translation of the instrument, not a free rendering.
 *
 * - Neck Disability Index: Vernon H, Mior S. The Neck Disability Index: a study of reliability
 *   and validity. J Manipulative Physiol Ther 1991;14(7):409–415. Scored 0–50; bands 0–4 none,
 *   5–14 mild, 15–24 moderate, 25–34 severe, over 34 complete. With one or two sections
 *   unanswered the score is prorated to 50; with more it is not scored (Vernon 2008, "The Neck
 *   Disability Index: state-of-the-art, 1991–2008", J Manipulative Physiol Ther 31(7):491–502).
 *   Minimal clinically important change 7.5 of 50 points (Young BA et al. 2009, Spine J
 *   9(10):802–808).
 * - Oswestry Disability Index 2.1a: Fairbank JCT, Pynsent PB. The Oswestry Disability Index.
 *   Spine 2000;25(22):2940–2953. Index = sum ÷ (5 × sections answered) × 100 %; bands 0–20,
 *   21–40, 41–60, 61–80, 81–100 %. Minimal important change 10 percentage points (Ostelo RW et
 *   al. 2008, Spine 33(1):90–94).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "palpate-questionnaire"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "palpate-outcome.h"
#include "palpate-questionnaire.h"

typedef struct
{
  const char *title;
  const char *statements[PALPATE_QUESTIONNAIRE_N_STATEMENTS];
} Section;

static const Section ndi_sections[PALPATE_QUESTIONNAIRE_N_SECTIONS] = {
  { N_("Pain intensity"), {
      N_("I have no pain at the moment."),
      N_("The pain is very mild at the moment."),
      N_("The pain is moderate at the moment."),
      N_("The pain is fairly severe at the moment."),
      N_("The pain is very severe at the moment."),
      N_("The pain is the worst imaginable at the moment."), } },
  { N_("Personal care (washing, dressing, etc.)"), {
      N_("I can look after myself normally without causing extra pain."),
      N_("I can look after myself normally but it causes extra pain."),
      N_("It is painful to look after myself and I am slow and careful."),
      N_("I need some help but can manage most of my personal care."),
      N_("I need help every day in most aspects of self care."),
      N_("I do not get dressed, I wash with difficulty and stay in bed."), } },
  { N_("Lifting"), {
      N_("I can lift heavy weights without extra pain."),
      N_("I can lift heavy weights but it gives extra pain."),
      N_("Pain prevents me lifting heavy weights off the floor, but I can manage if they are "
         "conveniently placed, for example on a table."),
      N_("Pain prevents me from lifting heavy weights but I can manage light to medium weights "
         "if they are conveniently positioned."),
      N_("I can lift very light weights."),
      N_("I cannot lift or carry anything at all."), } },
  { N_("Reading"), {
      N_("I can read as much as I want to with no pain in my neck."),
      N_("I can read as much as I want to with slight pain in my neck."),
      N_("I can read as much as I want with moderate pain in my neck."),
      N_("I can’t read as much as I want because of moderate pain in my neck."),
      N_("I can hardly read at all because of severe pain in my neck."),
      N_("I cannot read at all."), } },
  { N_("Headaches"), {
      N_("I have no headaches at all."),
      N_("I have slight headaches which come infrequently."),
      N_("I have moderate headaches which come infrequently."),
      N_("I have moderate headaches which come frequently."),
      N_("I have severe headaches which come frequently."),
      N_("I have headaches almost all the time."), } },
  { N_("Concentration"), {
      N_("I can concentrate fully when I want to with no difficulty."),
      N_("I can concentrate fully when I want to with slight difficulty."),
      N_("I have a fair degree of difficulty in concentrating when I want to."),
      N_("I have a lot of difficulty in concentrating when I want to."),
      N_("I have a great deal of difficulty in concentrating when I want to."),
      N_("I cannot concentrate at all."), } },
  { N_("Work"), {
      N_("I can do as much work as I want to."),
      N_("I can only do my usual work, but no more."),
      N_("I can do most of my usual work, but no more."),
      N_("I cannot do my usual work."),
      N_("I can hardly do any work at all."),
      N_("I can’t do any work at all."), } },
  { N_("Driving"), {
      N_("I can drive my car without any neck pain."),
      N_("I can drive my car as long as I want with slight pain in my neck."),
      N_("I can drive my car as long as I want with moderate pain in my neck."),
      N_("I can’t drive my car as long as I want because of moderate pain in my neck."),
      N_("I can hardly drive at all because of severe pain in my neck."),
      N_("I can’t drive my car at all."), } },
  { N_("Sleeping"), {
      N_("I have no trouble sleeping."),
      N_("My sleep is slightly disturbed (less than 1 hour sleepless)."),
      N_("My sleep is mildly disturbed (1–2 hours sleepless)."),
      N_("My sleep is moderately disturbed (2–3 hours sleepless)."),
      N_("My sleep is greatly disturbed (3–5 hours sleepless)."),
      N_("My sleep is completely disturbed (5–7 hours sleepless)."), } },
  { N_("Recreation"), {
      N_("I am able to engage in all my recreation activities with no neck pain at all."),
      N_("I am able to engage in all my recreation activities, with some pain in my neck."),
      N_("I am able to engage in most, but not all, of my usual recreation activities because "
         "of pain in my neck."),
      N_("I am able to engage in a few of my usual recreation activities because of pain in my "
         "neck."),
      N_("I can hardly do any recreation activities because of pain in my neck."),
      N_("I can’t do any recreation activities at all."), } },
};

static const Section odi_sections[PALPATE_QUESTIONNAIRE_N_SECTIONS] = {
  { N_("Pain intensity"), {
      N_("I have no pain at the moment."),
      N_("The pain is very mild at the moment."),
      N_("The pain is moderate at the moment."),
      N_("The pain is fairly severe at the moment."),
      N_("The pain is very severe at the moment."),
      N_("The pain is the worst imaginable at the moment."), } },
  { N_("Personal care (washing, dressing, etc.)"), {
      N_("I can look after myself normally without causing extra pain."),
      N_("I can look after myself normally but it causes extra pain."),
      N_("It is painful to look after myself and I am slow and careful."),
      N_("I need some help but manage most of my personal care."),
      N_("I need help every day in most aspects of self-care."),
      N_("I do not get dressed, I wash with difficulty and stay in bed."), } },
  { N_("Lifting"), {
      N_("I can lift heavy weights without extra pain."),
      N_("I can lift heavy weights but it gives extra pain."),
      N_("Pain prevents me from lifting heavy weights off the floor, but I can manage if they "
         "are conveniently placed, for example on a table."),
      N_("Pain prevents me from lifting heavy weights, but I can manage light to medium "
         "weights if they are conveniently positioned."),
      N_("I can lift very light weights."),
      N_("I cannot lift or carry anything at all."), } },
  { N_("Walking"), {
      N_("Pain does not prevent me walking any distance."),
      N_("Pain prevents me from walking more than 1 mile."),
      N_("Pain prevents me from walking more than half a mile."),
      N_("Pain prevents me from walking more than 100 yards."),
      N_("I can only walk using a stick or crutches."),
      N_("I am in bed most of the time."), } },
  { N_("Sitting"), {
      N_("I can sit in any chair as long as I like."),
      N_("I can only sit in my favourite chair as long as I like."),
      N_("Pain prevents me sitting more than one hour."),
      N_("Pain prevents me from sitting more than 30 minutes."),
      N_("Pain prevents me from sitting more than 10 minutes."),
      N_("Pain prevents me from sitting at all."), } },
  { N_("Standing"), {
      N_("I can stand as long as I want without extra pain."),
      N_("I can stand as long as I want but it gives me extra pain."),
      N_("Pain prevents me from standing for more than 1 hour."),
      N_("Pain prevents me from standing for more than 30 minutes."),
      N_("Pain prevents me from standing for more than 10 minutes."),
      N_("Pain prevents me from standing at all."), } },
  { N_("Sleeping"), {
      N_("My sleep is never disturbed by pain."),
      N_("My sleep is occasionally disturbed by pain."),
      N_("Because of pain I have less than 6 hours sleep."),
      N_("Because of pain I have less than 4 hours sleep."),
      N_("Because of pain I have less than 2 hours sleep."),
      N_("Pain prevents me from sleeping at all."), } },
  { N_("Sex life (if applicable)"), {
      N_("My sex life is normal and causes no extra pain."),
      N_("My sex life is normal but causes some extra pain."),
      N_("My sex life is nearly normal but is very painful."),
      N_("My sex life is severely restricted by pain."),
      N_("My sex life is nearly absent because of pain."),
      N_("Pain prevents any sex life at all."), } },
  { N_("Social life"), {
      N_("My social life is normal and gives me no extra pain."),
      N_("My social life is normal but increases the degree of pain."),
      N_("Pain has no significant effect on my social life apart from limiting my more "
         "energetic interests, for example sport."),
      N_("Pain has restricted my social life and I do not go out as often."),
      N_("Pain has restricted my social life to my home."),
      N_("I have no social life because of pain."), } },
  { N_("Travelling"), {
      N_("I can travel anywhere without pain."),
      N_("I can travel anywhere but it gives me extra pain."),
      N_("Pain is bad but I manage journeys over two hours."),
      N_("Pain restricts me to journeys of less than one hour."),
      N_("Pain restricts me to short necessary journeys under 30 minutes."),
      N_("Pain prevents me from travelling except to receive treatment."), } },
};

static const Section *
sections (PalpateInstrument instrument)
{
  return instrument == PALPATE_INSTRUMENT_NDI ? ndi_sections : odi_sections;
}

const char *
palpate_questionnaire_get_key (PalpateInstrument instrument)
{
  return instrument == PALPATE_INSTRUMENT_NDI ? "ndi" : "odi";
}

gboolean
palpate_questionnaire_from_key (const char           *key,
                                PalpateInstrument    *instrument)
{
  if (g_strcmp0 (key, "ndi") == 0)
    *instrument = PALPATE_INSTRUMENT_NDI;
  else if (g_strcmp0 (key, "odi") == 0)
    *instrument = PALPATE_INSTRUMENT_ODI;
  else
    return FALSE;

  return TRUE;
}

const char *
palpate_questionnaire_get_name (PalpateInstrument instrument)
{
  return instrument == PALPATE_INSTRUMENT_NDI ? _("Neck Disability Index")
                                                    : _("Oswestry Disability Index");
}

/* What the client reads before the first section, in the instrument's own words. */
const char *
palpate_questionnaire_get_instructions (PalpateInstrument instrument)
{
  if (instrument == PALPATE_INSTRUMENT_NDI)
    return _("This instrument has been designed to give us information as to how your neck "
             "pain has affected your ability to manage in everyday life. Please answer every "
             "section and mark in each section only the one box which applies to you. We "
             "realise you may consider that two of the statements in any one section relate "
             "to you, but please just mark the box which most closely describes your problem.");

  return _("This instrument has been designed to give us information as to how your back "
           "(or leg) trouble affects your ability to manage in everyday life. Please answer "
           "every section. Mark one box only in each section that most closely describes you "
           "today.");
}

const char *
palpate_questionnaire_get_source (PalpateInstrument instrument)
{
  if (instrument == PALPATE_INSTRUMENT_NDI)
    return "Vernon H, Mior S. J Manipulative Physiol Ther 1991;14(7):409–415";

  return "Fairbank JCT, Pynsent PB. Spine 2000;25(22):2940–2953 (version 2.1a)";
}

const char *
palpate_questionnaire_get_section (PalpateInstrument    instrument,
                                   guint                section)
{
  g_return_val_if_fail (section < PALPATE_QUESTIONNAIRE_N_SECTIONS, NULL);

  return _(sections (instrument)[section].title);
}

const char *
palpate_questionnaire_get_statement (PalpateInstrument    instrument,
                                     guint                section,
                                     guint                score)
{
  g_return_val_if_fail (section < PALPATE_QUESTIONNAIRE_N_SECTIONS, NULL);
  g_return_val_if_fail (score < PALPATE_QUESTIONNAIRE_N_STATEMENTS, NULL);

  return _(sections (instrument)[section].statements[score]);
}

/* The Oswestry's sex-life section may be left out ("if applicable"); the index then counts
 * only the sections answered. */
gboolean
palpate_questionnaire_section_optional (PalpateInstrument    instrument,
                                        guint                section)
{
  return instrument == PALPATE_INSTRUMENT_ODI && section == 7;
}

/**
 * palpate_questionnaire_score:
 * @answers: ten sections of 0–5; -1 for a section not answered
 * @n_answered: (out) (optional): how many sections were answered
 *
 * The NDI in points of 50, prorated when one or two sections are unanswered; the ODI as a
 * percentage of the sections answered. Neither is scored with more than two unanswered.
 *
 * Returns: the score, or -1 when too little was answered to score it
 */
double
palpate_questionnaire_score (PalpateInstrument    instrument,
                             const int            answers[10],
                             guint               *n_answered)
{
  guint answered = 0;
  int sum = palpate_outcome_ndi_score (answers, &answered);

  if (n_answered != NULL)
    *n_answered = answered;

  /* Neither instrument stands on a few sections: with more than two unanswered there is no
   * score (Vernon 2008 for the NDI; the same bound is kept for the Oswestry, whose own rule
   * only divides by the sections answered). */
  if (answered < PALPATE_QUESTIONNAIRE_N_SECTIONS - 2)
    return -1;

  if (instrument == PALPATE_INSTRUMENT_ODI)
    return palpate_outcome_odi_percent (answers, NULL);

  return 50.0 * sum / (5.0 * answered);
}

/* Points of the instrument's own scale (NDI of 50, ODI percentage points). */
double
palpate_questionnaire_minimal_change (PalpateInstrument instrument)
{
  return instrument == PALPATE_INSTRUMENT_NDI ? 7.5 : 10.0;
}

const char *
palpate_questionnaire_band (PalpateInstrument    instrument,
                            double               score)
{
  if (instrument == PALPATE_INSTRUMENT_NDI)
    return palpate_outcome_ndi_band ((int) floor (score + 0.5));

  return palpate_outcome_odi_band (score);
}

/* "18 of 50 · Moderate disability", "32 % · Moderate disability", or a sentence saying why
 * there is no score. */
char *
palpate_questionnaire_describe_score (PalpateInstrument    instrument,
                                      const int            answers[10])
{
  double score = palpate_questionnaire_score (instrument, answers, NULL);

  if (score < 0)
    return g_strdup (_("Not scored: too few sections answered"));

  if (instrument == PALPATE_INSTRUMENT_NDI)
    /* Translators: a Neck Disability Index score and its band, "18 of 50 · Moderate disability" */
    return g_strdup_printf (_("%.0f of 50 · %s"), score,
                            palpate_questionnaire_band (instrument, score));

  /* Translators: an Oswestry index and its band, "32 % · Moderate disability" */
  return g_strdup_printf (_("%.0f %% · %s"), score,
                          palpate_questionnaire_band (instrument, score));
}

/* Whether the change from @first to @latest reaches the minimal important change, either way. */
gboolean
palpate_questionnaire_change_meaningful (PalpateInstrument    instrument,
                                         double               first,
                                         double               latest)
{
  if (first < 0 || latest < 0)
    return FALSE;

  return fabs (latest - first) >= palpate_questionnaire_minimal_change (instrument) - 1e-9;
}
