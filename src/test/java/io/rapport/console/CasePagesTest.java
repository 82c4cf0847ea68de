package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.rapport.feedback.FollowUpCases;
import io.rapport.feedback.FollowUpRule;
import io.rapport.platform.Role;
import io.rapport.platform.Users;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Who may open the case board and the rules editor, and how the editor saves or refuses rules. */
@RapportTest
class CasePagesTest {

    private static final String PASSWORD = "a long enough passphrase";

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    @Autowired
    FollowUpCases cases;

    @Test
    void agents_and_analysts_open_the_board_and_only_admins_the_rules() {
        assertThat(session(Role.AGENT).get("/console/cases").status()).isEqualTo(200);
        assertThat(session(Role.ANALYST).get("/console/cases").body()).contains("Follow-up cases", "column-open");
        assertThat(session(Role.MARKETER).get("/console/cases").status()).isEqualTo(403);
        assertThat(session(Role.AGENT).get("/console/cases/rules").status()).isEqualTo(403);
        assertThat(session(Role.ADMIN).get("/console/cases/rules").body()).contains("NPS detractors",
                "High effort (CES)", "Negative comments and reviews");
        assertThat(session(Role.AGENT).get("/console/cases/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void the_rules_editor_saves_valid_rules_and_shows_why_it_refuses_others() {
        ConsoleSession admin = session(Role.ADMIN);

        ConsoleSession.Page refused = admin.post("/console/cases/rules", "/console/cases/rules",
                form("10", "-0.1", "12"));
        ConsoleSession.Page saved = admin.post("/console/cases/rules", "/console/cases/rules", form("6", "-0.4", "36"));

        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("The rules were not saved", "NPS scores are on 0–10",
                "maxSentimentScore lies from -1 to -0.2");
        assertThat(saved.status()).isEqualTo(302);
        assertThat(cases.rules()).extracting(FollowUpRule::kind, FollowUpRule::maxScore, FollowUpRule::due)
                .contains(org.assertj.core.groups.Tuple.tuple(FollowUpRule.Kind.NPS, 6, Duration.ofHours(36)));
        assertThat(cases.rules()).filteredOn(r -> r.kind() == FollowUpRule.Kind.SENTIMENT).singleElement()
                .satisfies(rule -> {
                    assertThat(rule.maxSentimentScore()).isEqualTo(-0.4);
                    assertThat(rule.ownerRole()).isEqualTo(Role.AGENT);
                });
    }

    /** The editor's form: every rule enabled, owned by agents in turn, due after {@code hours}. */
    private static Map<String, String> form(String npsMax, String sentimentMax, String hours) {
        Map<String, String> form = new LinkedHashMap<>();
        String[][] rules = {{"NPS", npsMax}, {"CSAT", "2"}, {"CES", "3"}, {"SENTIMENT", null}};
        for (int i = 0; i < rules.length; i++) {
            String at = "rules[" + i + "].";
            form.put(at + "kind", rules[i][0]);
            form.put(at + "enabled", "true");
            if (rules[i][1] != null) {
                form.put(at + "maxScore", rules[i][1]);
            } else {
                form.put(at + "maxSentimentScore", sentimentMax);
            }
            form.put(at + "owner", "");
            form.put(at + "ownerRole", "AGENT");
            form.put(at + "dueHours", hours);
        }
        return form;
    }

    private ConsoleSession session(Role role) {
        String email = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        users.create(email, PASSWORD, role);
        return new ConsoleSession(port).signIn(email, PASSWORD);
    }
}
