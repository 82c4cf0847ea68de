/**
 * Insight: CX metrics, each defined once in code and in docs/metrics.md. Survey metrics (NPS, CSAT, CES, response
 * rates) and purchase retention cohorts are read from daily roll-ups; customer lifetime value is historic and
 * predicted with the BG/NBD and Gamma-Gamma models.
 */
@NullMarked
package io.rapport.insight;

import org.jspecify.annotations.NullMarked;
