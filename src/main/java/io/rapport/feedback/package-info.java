/**
 * Customer feedback: NPS, CSAT, CES and custom surveys (definitions, triggers, throttling, invitations, responses,
 * see docs/surveys.md) and the analysis of free text (language, sentiment, topics, see docs/text-analytics.md).
 */
@NullMarked
package io.rapport.feedback;

import org.jspecify.annotations.NullMarked;
