/**
 * Customer feedback: today the analysis of free text (language, sentiment, topics) that survey answers and
 * feedback events will be run through.
 */
@NullMarked
package io.rapport.feedback;

import org.jspecify.annotations.NullMarked;
