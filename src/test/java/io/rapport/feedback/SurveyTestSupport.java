package io.rapport.feedback;

import io.rapport.feedback.SurveyTestConfiguration.AnsweredEvents;
import io.rapport.feedback.SurveyTestConfiguration.MovableClock;
import io.rapport.feedback.SurveyTestConfiguration.PostChannel;
import io.rapport.testing.RapportClient;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What survey tests work with: Rapport over HTTP and its survey services, the clock they move and the test
 * channel and listener of {@link SurveyTestConfiguration} (which each test imports, to share one context).
 */
abstract class SurveyTestSupport {

    @Autowired
    RapportClient rapport;

    @Autowired
    MovableClock clock;

    @Autowired
    Surveys surveys;

    @Autowired
    SurveyInvitations invitations;

    @Autowired
    SurveyResponses responses;

    @Autowired
    PostChannel post;

    @Autowired
    AnsweredEvents answered;

    SurveyApi api;

    @Autowired
    void api(RapportClient rapport) {
        this.api = new SurveyApi(rapport);
    }
}
