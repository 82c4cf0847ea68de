package io.rapport.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.rapport.testing.RapportClient.Response;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

/** Without an SMTP server (the survey tests' Rapport has none) an email from a case is refused and nothing noted. */
@RapportTest
@Import({SurveyTestConfiguration.class})
class CaseMailUnavailableTest extends CaseTestSupport {

    @Test
    void an_email_without_an_smtp_server_is_refused_with_a_problem_naming_the_setting() {
        String run = UUID.randomUUID().toString();
        feedback(review("src/nomail-" + run, "email:nomail-" + run + "@example.com", -0.9, "Terrible"));
        String path = casePath("src/nomail-" + run);

        Response refused = post(path + "/emails", "{\"subject\":\"Hello\",\"text\":\"Sorry\"}");

        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
        assertThat(refused.json().get("detail").stringValue()).contains("spring.mail.host");
        assertThat(get(path).json().get("status").stringValue()).isEqualTo("open");
        assertThat(get(path).json().get("notes")).isEmpty();
    }
}
