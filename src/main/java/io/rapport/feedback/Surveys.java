package io.rapport.feedback;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Survey definitions, their life cycle, and the decision which survey a person should see on a page. Every
 * change is validated; a refused definition is an {@link io.rapport.platform.ApiProblem} naming each offending
 * field (e.g. {@code questions[1].text.de}).
 */
public interface Surveys {

    /** The most surveys Rapport keeps (archived ones included): far more than a shop runs at once. */
    int MAX_SURVEYS = 1_000;

    /** Validates and stores a new survey as a draft, with standard wordings filled in where texts were left out. */
    Survey create(SurveyDefinition definition);

    /**
     * Replaces a survey's definition. {@code expectedVersion}, when given, must be the stored version, else the edit
     * is refused as a conflict. An archived survey cannot be edited.
     */
    Survey update(Survey.Id id, SurveyDefinition definition, @Nullable Integer expectedVersion);

    /**
     * Checks a definition as {@link #create} and {@link #update} do, without storing anything: the definition in its
     * stored form (standard wordings filled in), or the same {@link io.rapport.platform.ApiProblem}.
     */
    SurveyDefinition check(SurveyDefinition definition);

    /**
     * A definition, saved or not, as a shopper with {@code locale} would see it: {@link #check}ed, then as
     * {@link #form}. Nothing is stored and nobody is invited; the form's survey id is {@link #UNSAVED}.
     */
    SurveyForm preview(SurveyDefinition definition, @Nullable String locale);

    /** The survey id of a {@link #preview}: the nil UUID. */
    Survey.Id UNSAVED = new Survey.Id(new UUID(0, 0));

    Optional<Survey> find(Survey.Id id);

    /** Surveys newest first, of one status or all. */
    List<Survey> list(@Nullable SurveyStatus status);

    /** Starts (or resumes) a draft or paused survey: from now on triggers and the widget reach people. */
    Survey activate(Survey.Id id);

    /** Stops an active survey from reaching anyone; answers to invitations already out are still taken. */
    Survey pause(Survey.Id id);

    /** Closes a survey for good: kept with its responses, no longer answered. */
    Survey archive(Survey.Id id);

    /** Deletes a survey that never invited anyone; others are archived instead. */
    void delete(Survey.Id id);

    /** What happened to the survey's invitations and responses on the UTC days {@code from} to {@code to}. */
    SurveyStats stats(Survey.Id id, LocalDate from, LocalDate to);

    /**
     * The survey in the language for {@code locale}: the locale's own tag if the survey has it ({@code en-US}),
     * else its language ({@code en}), else another region of that language ({@code en-GB}), else the default.
     */
    SurveyForm form(Survey survey, @Nullable String locale);

    /**
     * The survey to show to a person on a page now, if any, applying every throttling rule: first an invitation
     * waiting for them on this channel (an event trigger's or a manual send's, once due), then an active survey whose
     * page trigger matches {@code url}. What is offered counts as a contact (shown); what throttling holds back is
     * counted as skipped.
     *
     * @param identifiers the person's encoded identifiers as the widget knows them ({@code anon:…}, {@code user:…})
     * @param channel the channel that shows it; today {@code web}
     */
    Optional<SurveyOffer> offerFor(Collection<String> identifiers, String url, @Nullable String locale,
            String channel);
}
