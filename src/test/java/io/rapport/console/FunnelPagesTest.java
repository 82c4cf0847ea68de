package io.rapport.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.rapport.platform.Role;
import io.rapport.platform.Users;
import io.rapport.testing.RapportTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The funnel pages over HTTP: the builder adds rows, names the row of a problem (blank rows counted), saves and
 * edits a funnel; agents do not see funnels.
 */
@RapportTest
class FunnelPagesTest {

    private static final String NEW = "/console/insight/funnels/new";

    @LocalServerPort
    int port;

    @Autowired
    Users users;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void the_builder_names_the_row_of_a_problem_and_adds_rows() {
        ConsoleSession session = ConsoleSession.newUser(port, users, Role.ANALYST);
        Map<String, String> fields = fields("Broken " + run, "A", "", "B");
        fields.put("steps[2].property", "plan");

        ConsoleSession.Page refused = session.post(NEW, NEW, fields);
        ConsoleSession.Page added = session.post(NEW, NEW, Map.of("name", "x", "op", "add", "steps[0].name", "A",
                "steps[1].name", "", "steps[2].name", ""));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("The funnel was not saved", "steps[2].equals");
        assertThat(added.status()).isEqualTo(200);
        assertThat(added.body()).contains("id=\"step-3\"").doesNotContain("id=\"step-4\"");
    }

    @Test
    void a_funnel_is_saved_edited_and_listed() {
        ConsoleSession session = ConsoleSession.newUser(port, users, Role.MARKETER);

        ConsoleSession.Page saved = session.post(NEW, NEW, fields("Trial " + run, "Signed Up", "Trial Started"));
        String page = saved.location().substring(saved.location().indexOf("/console/"));
        String shown = session.get(page).body();
        ConsoleSession.Page edited = session.post(page + "/edit", page + "/edit", fields("Trial " + run + " (v2)",
                "Signed Up", "", "Subscribed"));

        assertThat(saved.status()).isEqualTo(302);
        assertThat(shown).contains("Trial " + run, "Signed Up", "Trial Started", "id=\"chart-funnel\"");
        assertThat(edited.status()).isEqualTo(302);
        assertThat(session.get(page + "/edit").body()).contains("value=\"Subscribed\"");
        assertThat(session.get("/console/insight/funnels").body()).contains("Trial " + run + " (v2)",
                "Signed Up → Subscribed");
        assertThat(session.get(page + "/export").body()).startsWith("group,step,label,persons")
                .contains("all,2,Subscribed,0,");
        assertThat(ConsoleSession.newUser(port, users, Role.AGENT).get("/console/insight/funnels").status())
                .isEqualTo(403);
    }

    private static Map<String, String> fields(String name, String... steps) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("windowAmount", "2");
        fields.put("windowUnit", "hours");
        for (int i = 0; i < steps.length; i++) {
            fields.put("steps[" + i + "].type", "track");
            fields.put("steps[" + i + "].name", steps[i]);
        }
        return fields;
    }
}
