/**
 * Customers: one profile per person, stitched from every identifier they used (anonymous ids, user ids, emails,
 * phones, external ids), with their traits.
 */
@NullMarked
package io.rapport.customer;

import org.jspecify.annotations.NullMarked;
