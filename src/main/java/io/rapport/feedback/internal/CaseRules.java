package io.rapport.feedback.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.rapport.feedback.FollowUpCases.RuleSettings;
import io.rapport.feedback.FollowUpRule;
import io.rapport.feedback.SurveyType;
import io.rapport.feedback.TextAnalysis;
import io.rapport.platform.ApiProblem;
import io.rapport.platform.Role;
import io.rapport.platform.Timestamps;
import io.rapport.platform.User;
import io.rapport.platform.Users;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The four follow-up rules ({@code follow_up_rules}): read, checked and saved, and the owner of a new case. */
@Component
class CaseRules {

    private final JdbcClient jdbc;
    private final Users users;
    private final Clock clock;

    CaseRules(JdbcClient jdbc, Users users, Clock clock) {
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
    }

    List<FollowUpRule> list() {
        return jdbc.sql("select * from follow_up_rules").query(CaseRules::row).list().stream()
                .sorted((a, b) -> a.kind().compareTo(b.kind())).toList();
    }

    FollowUpRule get(FollowUpRule.Kind kind) {
        return jdbc.sql("select * from follow_up_rules where kind = ?").param(kind.name()).query(CaseRules::row)
                .single();
    }

    private static FollowUpRule row(ResultSet rs, int n) throws SQLException {
        UUID owner = rs.getObject("owner_user_id", UUID.class);
        String role = rs.getString("owner_role");
        return new FollowUpRule(FollowUpRule.Kind.valueOf(rs.getString("kind")), rs.getBoolean("enabled"),
                rs.getObject("max_score", Integer.class), rs.getObject("max_sentiment_score", Double.class),
                owner == null ? null : new User.Id(owner), role == null ? null : Role.valueOf(role),
                Duration.ofMinutes(rs.getInt("due_minutes")));
    }

    List<FollowUpRule> save(List<RuleSettings> given) {
        List<ApiProblem.FieldError> errors = new ArrayList<>();
        Map<FollowUpRule.Kind, FollowUpRule> rules = new EnumMap<>(FollowUpRule.Kind.class);
        for (int i = 0; i < given.size(); i++) {
            check(given.get(i), "rules[" + i + "].", errors).ifPresent(rule -> {
                if (rules.put(rule.kind(), rule) != null) {
                    errors.add(new ApiProblem.FieldError("rules", "Give each kind of rule once; "
                            + rule.kind() + " is given twice."));
                }
            });
        }
        for (FollowUpRule.Kind kind : FollowUpRule.Kind.values()) {
            if (!rules.containsKey(kind) && errors.isEmpty()) {
                errors.add(new ApiProblem.FieldError("rules", "Give all four rules (NPS, CSAT, CES, SENTIMENT); "
                        + kind + " is missing."));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.invalidFields(errors);
        }
        for (FollowUpRule rule : rules.values()) {
            jdbc.sql("""
                    update follow_up_rules set enabled = ?, max_score = ?, max_sentiment_score = ?, owner_user_id = ?,
                        owner_role = ?, due_minutes = ?, updated_at = ? where kind = ?""")
                    .params(rule.enabled(), rule.maxScore(), rule.maxSentimentScore(),
                            rule.ownerUserId() == null ? null : rule.ownerUserId().value(),
                            rule.ownerRole() == null ? null : rule.ownerRole().name(), rule.due().toMinutes(),
                            Timestamps.of(clock.instant()), rule.kind().name())
                    .update();
        }
        return list();
    }

    /** The rule these settings describe, or nothing with the reasons added to {@code errors}. */
    private Optional<FollowUpRule> check(RuleSettings settings, String at, List<ApiProblem.FieldError> errors) {
        int before = errors.size();
        FollowUpRule.Kind kind = null;
        if (settings.kind() == null) {
            errors.add(new ApiProblem.FieldError(at + "kind", "Name the kind: NPS, CSAT, CES or SENTIMENT."));
        } else {
            kind = Arrays.stream(FollowUpRule.Kind.values())
                    .filter(k -> k.name().equals(settings.kind().strip().toUpperCase(Locale.ROOT))).findFirst()
                    .orElse(null);
            if (kind == null) {
                errors.add(new ApiProblem.FieldError(at + "kind", "'" + settings.kind()
                        + "' is not a kind of rule; the kinds are NPS, CSAT, CES and SENTIMENT."));
            }
        }
        Integer maxScore = settings.maxScore();
        Double maxSentiment = settings.maxSentimentScore();
        if (kind == FollowUpRule.Kind.SENTIMENT) {
            if (maxScore != null) {
                errors.add(new ApiProblem.FieldError(at + "maxScore", "The sentiment rule reads no score; leave "
                        + "maxScore out (maxSentimentScore sets how negative a text must be)."));
            }
            if (maxSentiment != null && !(maxSentiment >= -1 && maxSentiment <= -TextAnalysis.NEUTRAL_BAND)) {
                errors.add(new ApiProblem.FieldError(at + "maxSentimentScore", "maxSentimentScore lies from -1 to -"
                        + TextAnalysis.NEUTRAL_BAND + " (texts above -" + TextAnalysis.NEUTRAL_BAND
                        + " are not negative); leave it out for every negative text."));
            }
        } else if (kind != null) {
            SurveyType type = SurveyType.valueOf(kind.name());
            if (maxScore == null || maxScore < type.minScore() || maxScore >= type.maxScore()) {
                errors.add(new ApiProblem.FieldError(at + "maxScore", kind + " scores are on " + type.minScore()
                        + "–" + type.maxScore() + "; maxScore is the highest score that opens a case, from "
                        + type.minScore() + " to " + (type.maxScore() - 1) + "."));
            }
            if (maxSentiment != null) {
                errors.add(new ApiProblem.FieldError(at + "maxSentimentScore",
                        "Only the sentiment rule reads a sentiment score; leave maxSentimentScore out."));
            }
        }
        User.Id owner = owner(settings.owner(), at, errors);
        Role role = role(settings.ownerRole(), at, errors);
        if (owner != null && role != null) {
            errors.add(new ApiProblem.FieldError(at + "ownerRole",
                    "Give either an owner or a role whose users take turns, not both."));
        }
        Duration due = due(settings.due(), at, errors);
        if (errors.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new FollowUpRule(kind, settings.enabled() == null || settings.enabled(),
                kind == FollowUpRule.Kind.SENTIMENT ? null : maxScore, maxSentiment, owner, role, due));
    }

    private User.@Nullable Id owner(@Nullable String given, String at, List<ApiProblem.FieldError> errors) {
        if (given == null || given.isBlank()) {
            return null;
        }
        Optional<User> user;
        try {
            user = users.find(new User.Id(UUID.fromString(given.strip())));
        } catch (IllegalArgumentException e) {
            user = users.findByEmail(given);
        }
        if (user.isEmpty()) {
            errors.add(new ApiProblem.FieldError(at + "owner", "There is no user '" + given
                    + "'; give a user's id or email."));
            return null;
        }
        return user.get().id();
    }

    private static @Nullable Role role(@Nullable String given, String at, List<ApiProblem.FieldError> errors) {
        if (given == null || given.isBlank()) {
            return null;
        }
        try {
            return Role.valueOf(given.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new ApiProblem.FieldError(at + "ownerRole", "'" + given
                    + "' is not a role; the roles are admin, analyst, agent and marketer."));
            return null;
        }
    }

    private static Duration due(@Nullable String given, String at, List<ApiProblem.FieldError> errors) {
        String help = "due is an ISO-8601 duration from " + FollowUpRule.MIN_DUE.toHours() + " hour to "
                + FollowUpRule.MAX_DUE.toDays() + " days, in whole minutes, e.g. P2D or PT36H.";
        if (given == null || given.isBlank()) {
            errors.add(new ApiProblem.FieldError(at + "due", help));
            return FollowUpRule.MIN_DUE;
        }
        try {
            Duration due = Duration.parse(given.strip().toUpperCase(Locale.ROOT));
            if (due.compareTo(FollowUpRule.MIN_DUE) < 0 || due.compareTo(FollowUpRule.MAX_DUE) > 0
                    || due.toSecondsPart() != 0 || due.toNanosPart() != 0) {
                errors.add(new ApiProblem.FieldError(at + "due", help));
            }
            return due;
        } catch (DateTimeParseException e) {
            errors.add(new ApiProblem.FieldError(at + "due", help));
            return FollowUpRule.MIN_DUE;
        }
    }

    /**
     * The owner of a new case under this rule: its user while they exist, else the next of the role's users in
     * turn (counted on the rule's row, whose lock makes concurrent openings take turns), else nobody.
     */
    User.@Nullable Id nextOwner(FollowUpRule rule) {
        if (rule.ownerUserId() != null) {
            return users.find(rule.ownerUserId()).map(User::id).orElse(null);
        }
        if (rule.ownerRole() == null) {
            return null;
        }
        List<User> candidates = users.list().stream().filter(u -> u.role() == rule.ownerRole()).toList();
        if (candidates.isEmpty()) {
            return null;
        }
        jdbc.sql("update follow_up_rules set turns = turns + 1 where kind = ?").param(rule.kind().name()).update();
        long turn = jdbc.sql("select turns from follow_up_rules where kind = ?").param(rule.kind().name())
                .query(Long.class).single();
        return candidates.get((int) ((turn - 1) % candidates.size())).id();
    }
}
