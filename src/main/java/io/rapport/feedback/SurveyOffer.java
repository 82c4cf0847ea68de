package io.rapport.feedback;

import java.util.UUID;

/**
 * A survey to show to one person now. {@code token} is the invitation's id: the widget sends it back with the
 * answers ({@link SurveyResponses#answer}).
 */
public record SurveyOffer(UUID token, SurveyForm form) {
}
