package io.rapport.feedback.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.rapport.collect.Page;
import io.rapport.feedback.Invitation;
import io.rapport.feedback.InvitationStatus;
import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveyDefinition;
import io.rapport.feedback.SurveyForm;
import io.rapport.feedback.SurveyInvitations;
import io.rapport.feedback.SurveyResponse;
import io.rapport.feedback.SurveyResponses;
import io.rapport.feedback.SurveyStats;
import io.rapport.feedback.SurveyStatus;
import io.rapport.feedback.Surveys;
import io.rapport.platform.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Surveys: definitions and their life cycle, manual sends, invitations, responses and counts. Analysts and
 * marketers (and admins) manage surveys; agents read them. See docs/surveys.md.
 */
@RestController
@RequestMapping("/api/v1/surveys")
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER', 'AGENT')")
@Tag(name = "Surveys", description = "NPS, CSAT, CES and custom surveys; see docs/surveys.md")
class SurveysController {

    private static final String MANAGE = "hasAnyRole('ANALYST', 'MARKETER')";
    /** Days of counts when none are asked for: the last 30, today included. */
    private static final int DEFAULT_STATS_DAYS = 30;

    private final Surveys surveys;
    private final SurveyInvitations invitations;
    private final SurveyResponses responses;
    private final Clock clock;

    SurveysController(Surveys surveys, SurveyInvitations invitations, SurveyResponses responses, Clock clock) {
        this.surveys = surveys;
        this.invitations = invitations;
        this.responses = responses;
        this.clock = clock;
    }

    record SurveyList(List<Survey> items) {
    }

    @PostMapping
    @PreAuthorize(MANAGE)
    @Operation(summary = "Create a survey (as a draft); every invalid field is listed in the problem's errors")
    ResponseEntity<Survey> create(@RequestBody SurveyDefinition definition) {
        return versioned(HttpStatus.CREATED, surveys.create(definition));
    }

    @GetMapping
    @Operation(summary = "List surveys, newest first, optionally of one status")
    SurveyList list(@RequestParam(required = false) @Nullable String status) {
        return new SurveyList(surveys.list(status == null ? null : status(status)));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A survey; its ETag is its version, for If-Match on a later PUT")
    ResponseEntity<Survey> get(@PathVariable UUID id) {
        return versioned(HttpStatus.OK, survey(id));
    }

    @PutMapping("/{id}")
    @PreAuthorize(MANAGE)
    @Operation(summary = "Replace a survey's definition; with If-Match, only if it is still at that version")
    ResponseEntity<Survey> update(@PathVariable UUID id, @RequestBody SurveyDefinition definition,
            @RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch) {
        return versioned(HttpStatus.OK, surveys.update(new Survey.Id(id), definition,
                IfMatch.version(ifMatch, "survey")));
    }

    @DeleteMapping("/{id}")
    @PreAuthorize(MANAGE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a survey that never invited anyone (archive the others)")
    void delete(@PathVariable UUID id) {
        surveys.delete(new Survey.Id(id));
    }

    @PostMapping("/{id}/activate")
    @PreAuthorize(MANAGE)
    @Operation(summary = "Start or resume a survey: triggers, the widget and sends reach people from now on")
    ResponseEntity<Survey> activate(@PathVariable UUID id) {
        return versioned(HttpStatus.OK, surveys.activate(new Survey.Id(id)));
    }

    @PostMapping("/{id}/pause")
    @PreAuthorize(MANAGE)
    @Operation(summary = "Pause an active survey; invitations already out can still be answered")
    ResponseEntity<Survey> pause(@PathVariable UUID id) {
        return versioned(HttpStatus.OK, surveys.pause(new Survey.Id(id)));
    }

    @PostMapping("/{id}/archive")
    @PreAuthorize(MANAGE)
    @Operation(summary = "Close a survey for good, keeping its responses")
    ResponseEntity<Survey> archive(@PathVariable UUID id) {
        return versioned(HttpStatus.OK, surveys.archive(new Survey.Id(id)));
    }

    @GetMapping("/{id}/form")
    @Operation(summary = "The survey as a shopper with this locale sees it (a preview)")
    SurveyForm form(@PathVariable UUID id, @RequestParam(required = false) @Nullable String locale) {
        return surveys.form(survey(id), locale);
    }

    @PostMapping("/{id}/sends")
    @PreAuthorize(MANAGE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Invite a list of people (identifiers or customer ids, at most 10,000) through a channel")
    SurveyInvitations.SendResult send(@PathVariable UUID id, @RequestBody SurveyInvitations.Send send) {
        return invitations.send(new Survey.Id(id), send);
    }

    @GetMapping("/{id}/invitations")
    @Operation(summary = "A survey's invitations, newest first, optionally of one status")
    Page<Invitation> invitations(@PathVariable UUID id, @RequestParam(required = false) @Nullable String status,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) @Nullable String cursor) {
        return invitations.list(new Survey.Id(id), status == null ? null : invitationStatus(status), limit, cursor);
    }

    @GetMapping("/{id}/responses")
    @Operation(summary = "A survey's responses, newest first: answered in [from, to), score range, channel, complete")
    Page<SurveyResponse> responses(@PathVariable UUID id, @RequestParam(required = false) @Nullable Instant from,
            @RequestParam(required = false) @Nullable Instant to,
            @RequestParam(required = false) @Nullable Integer minScore,
            @RequestParam(required = false) @Nullable Integer maxScore,
            @RequestParam(required = false) @Nullable String channel,
            @RequestParam(required = false) @Nullable Boolean complete,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(required = false) @Nullable String cursor) {
        return responses.find(new SurveyResponses.Query(new Survey.Id(id), from, to, minScore, maxScore, channel,
                complete, limit, cursor));
    }

    @GetMapping("/{id}/stats")
    @Operation(summary = "Invited, sent, shown, answered, completed and skipped (per reason) on UTC days from–to")
    SurveyStats stats(@PathVariable UUID id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Nullable LocalDate to) {
        LocalDate last = to != null ? to : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return surveys.stats(new Survey.Id(id), from != null ? from : last.minusDays(DEFAULT_STATS_DAYS - 1), last);
    }

    private Survey survey(UUID id) {
        return surveys.find(new Survey.Id(id))
                .orElseThrow(() -> ApiProblem.notFound("There is no survey with the id " + id + "."));
    }

    private static ResponseEntity<Survey> versioned(HttpStatus status, Survey survey) {
        return ResponseEntity.status(status).eTag("\"" + survey.version() + "\"").body(survey);
    }

    private static SurveyStatus status(String status) {
        return wireValue(SurveyStatus.values(), SurveyStatus::wireName, status);
    }

    private static InvitationStatus invitationStatus(String status) {
        return wireValue(InvitationStatus.values(), InvitationStatus::wireName, status);
    }

    /** The {@code status} parameter as one of {@code values}, by wire name. */
    private static <E extends Enum<E>> E wireValue(E[] values, Function<E, String> wireName, String given) {
        return Arrays.stream(values).filter(v -> wireName.apply(v).equals(given.strip().toLowerCase(Locale.ROOT)))
                .findFirst().orElseThrow(() -> ApiProblem.invalidField("status", "status is one of "
                        + Arrays.stream(values).map(wireName).collect(Collectors.joining(", ")) + "."));
    }
}
