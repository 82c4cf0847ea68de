package io.rapport.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Recognising a person in free text, such as a refused message. */
class DataSubjectTest {

    private final DataSubject ana = new DataSubject(UUID.randomUUID(),
            Set.of("user:42", "anon:web-1", "email:ana@example.com", "phone:+4915112345678"));

    @Test
    void gives_the_raw_values_of_each_kind() {
        assertThat(ana.userIds()).containsExactly("42");
        assertThat(ana.anonymousIds()).containsExactly("web-1");
        assertThat(ana.emails()).containsExactly("ana@example.com");
        assertThat(ana.phones()).containsExactly("+4915112345678");
    }

    @Test
    void an_id_is_recognised_as_a_whole_json_string_only() {
        assertThat(ana.mentionedIn("{\"userId\":\"42\"}")).isTrue();
        assertThat(ana.mentionedIn("{\"userId\":\"1420\",\"n\":42}")).isFalse();
        assertThat(ana.mentionedIn("{\"anonymousId\":\"web-1\"}")).isTrue();
    }

    @Test
    void an_email_is_recognised_in_any_case() {
        assertThat(ana.mentionedIn("{\"traits\":{\"email\":\"Ana@Example.COM\"}}")).isTrue();
        assertThat(ana.mentionedIn("{\"traits\":{\"email\":\"anna@example.com\"}}")).isFalse();
    }

    @Test
    void a_phone_number_is_recognised_in_any_common_spelling() {
        assertThat(ana.mentionedIn("{\"phone\":\"+49 151 1234 5678\"}")).isTrue();
        assertThat(ana.mentionedIn("{\"phone\":\"0151-12345678\"}")).isTrue();
        assertThat(ana.mentionedIn("{\"phone\":\"(0151) 1234 5678\"}")).isTrue();
        assertThat(ana.mentionedIn("{\"phone\":\"+49 151 1234 5679\"}")).isFalse();
        assertThat(ana.mentionedIn("{\"timestamp\":\"2026-06-01T10:00:00Z\"}")).isFalse();
    }
}
