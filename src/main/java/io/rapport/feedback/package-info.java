/**
 * Customer feedback: NPS, CSAT, CES and custom surveys (definitions, triggers, throttling, invitations, responses,
 * see docs/surveys.md), the analysis of free text (language, sentiment, topics, see docs/text-analytics.md), and
 * follow-up cases that close the loop with unhappy customers (see docs/follow-up.md).
 */
@NullMarked
package io.rapport.feedback;

import org.jspecify.annotations.NullMarked;
