/**
 * Privacy: consents per customer and purpose, and the data-subject export and erasure that reach every module's
 * personal data, with an audit of erasures that keeps none.
 */
@NullMarked
package io.rapport.privacy;

import org.jspecify.annotations.NullMarked;
