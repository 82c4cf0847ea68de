package io.rapport.feedback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.imageio.ImageIO;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.rapport.testing.RapportClient;
import io.rapport.testing.RapportClient.Response;
import io.rapport.testing.RapportTest;
import tools.jackson.databind.JsonNode;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Surveys by email against a real SMTP server (GreenMail): the mail with its score buttons, the one-click score, the
 * answer page, refused forgeries, replays, a closed answer window, mails that cannot be sent, and QR codes for stores.
 * Links point at {@code rapport.public-url}; the test follows them against the Rapport it runs.
 */
@RapportTest
@Import(SurveyTestConfiguration.class)
@TestPropertySource(properties = {"rapport.public-url=https://feedback.shop.example",
        "rapport.mail.from=Shop <shop@shop.example>", "rapport.feedback.email-retry-interval=PT1S",
        "rapport.feedback.email-max-attempts=3"})
class SurveyEmailTest extends SurveyTestSupport {

    private static final String PUBLIC_URL = "https://feedback.shop.example";
    private static final Pattern LINK = Pattern.compile("https://feedback\\.shop\\.example(/public/surveys/[^\"\\s<]+)");

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void an_order_brings_a_mail_whose_score_link_records_the_answer_and_whose_page_takes_the_reason() throws Exception {
        Survey.Id id = api.createActive(SurveyApi.nps("""
                ,"triggers":[{"type":"event","event":"Order Completed","channel":"email"}]"""));
        String run = UUID.randomUUID().toString();
        String email = "buyer-" + run + "@example.com";
        String writeKey = rapport.newSource("WEB").writeKey();
        track(writeKey, "/v1/identify", """
                {"userId":"buyer-%s","traits":{"email":"%s","firstName":"Ana"}}""".formatted(run, email));
        await().atMost(Duration.ofSeconds(15)).until(() -> rapport.get("/api/v1/customers?email=" + email).json()
                .get("items").size() == 1);
        track(writeKey, "/v1/track", """
                {"userId":"buyer-%s","event":"Order Completed","timestamp":"%s","context":{"locale":"en-GB"},
                 "properties":{"order_id":"order-%s","total":42,"currency":"EUR"}}""".formatted(run, clock.instant(), run));
        Invitation invitation = await().atMost(Duration.ofSeconds(15))
                .until(() -> invitations.list(id, null, 10, null).items(), list -> list.size() == 1).getFirst();

        invitations.dispatchDue();
        Mail mail = awaitMail(email);

        // Kept for a look in a browser or mail client: target/mails/survey-mail.html.
        Files.createDirectories(Path.of("target", "mails"));
        Files.writeString(Path.of("target", "mails", "survey-mail.html"), mail.html());
        assertThat(mail.subject()).isEqualTo("How did we do with your order order-" + run + "?");
        assertThat(mail.html()).contains("How likely are you to recommend us to a friend or colleague?",
                "Not at all likely", "Extremely likely", "because you shopped with us");
        List<String> buttons = links(mail.html());
        assertThat(buttons).hasSize(11).allMatch(link -> link.startsWith("/public/surveys/email/" + invitation.token()));
        assertThat(buttons.getFirst()).startsWith("/public/surveys/email/" + invitation.token() + "/0?sig=");
        assertThat(mail.text()).contains("  0 (Not at all likely): " + PUBLIC_URL + buttons.getFirst(),
                " 10 (Extremely likely): " + PUBLIC_URL + buttons.getLast());
        assertThat(invitations.find(invitation.token()).orElseThrow().status()).isEqualTo(InvitationStatus.SENT);

        Response clicked = get(buttons.get(9));
        assertThat(clicked.status()).isEqualTo(303);
        SurveyResponse scored = responses.find(invitation.token()).orElseThrow();
        assertThat(scored.score()).isEqualTo(9);
        assertThat(scored.channel()).isEqualTo("email");
        assertThat(scored.orderId()).isEqualTo("order-" + run);
        assertThat(scored.identifier()).isEqualTo("user:buyer-" + run);
        assertThat(scored.complete()).isFalse();

        String pagePath = URI.create(clicked.header("Location")).getRawPath() + "?"
                + URI.create(clicked.header("Location")).getRawQuery();
        Response page = get(pagePath);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("What is the main reason for your score?", "value=\"9\" checked=\"checked\"",
                "background: #1d4ed8");
        Files.writeString(Path.of("target", "mails", "answer-page.html"), page.body());
        Response posted = postForm("/public/surveys/answer/" + invitation.token(), Map.of("sig", sig(pagePath),
                "shownFor", "9", "q.score", "9", "q.reason", "Fast delivery & friendly notes"));
        assertThat(posted.status()).isEqualTo(303);
        assertThat(get(pagePath).body()).contains("Thank you for your feedback!");

        SurveyResponse done = responses.find(invitation.token()).orElseThrow();
        assertThat(done.complete()).isTrue();
        assertThat(done.comment()).isEqualTo("Fast delivery & friendly notes");
        int events = answered.of(invitation.token()).size();

        Response replayed = get(buttons.get(9));
        assertThat(replayed.status()).as("the same link again").isEqualTo(303);
        assertThat(answered.of(invitation.token())).as("no change, no event").hasSize(events);
        assertThat(api.stat(id, "sent")).isEqualTo(1);
        assertThat(api.stat(id, "answered")).isEqualTo(1);
        assertThat(api.stat(id, "completed")).isEqualTo(1);
    }

    @Test
    void a_later_click_on_another_score_corrects_the_first_and_a_head_request_records_nothing() throws Exception {
        Sent sent = sendTo("email:corrects-" + UUID.randomUUID() + "@example.com");

        assertThat(rapport.send(HttpRequest.newBuilder(rapport.uri(sent.buttons().get(2)))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())).status()).isEqualTo(303);
        assertThat(responses.find(sent.token())).as("a link checker's HEAD").isEmpty();
        get(sent.buttons().get(2));
        get(sent.buttons().get(8));

        assertThat(responses.find(sent.token()).orElseThrow().score()).isEqualTo(8);
        assertThat(api.stat(sent.survey(), "answered")).isEqualTo(1);
    }

    @Test
    void a_survey_without_a_score_question_is_mailed_as_one_link_to_its_page() throws Exception {
        Survey.Id id = api.createActive("""
                {"name":"Packaging","type":"CUSTOM","defaultLanguage":"de",
                 "questions":[{"id":"liked","kind":"text","text":{"de":"Was hat Ihnen gefallen?"}}]}""");
        String email = "custom-" + UUID.randomUUID() + "@example.com";
        api.post("/api/v1/surveys/" + id + "/sends", "{\"channel\":\"email\",\"identifiers\":[\"email:" + email + "\"]}");
        invitations.dispatchDue();
        Mail mail = awaitMail(email);
        UUID token = invitations.list(id, null, 10, null).items().getFirst().token();

        List<String> links = links(mail.html());
        assertThat(links).hasSize(1).allMatch(link -> link.startsWith("/public/surveys/answer/" + token + "?sig="));
        assertThat(mail.html()).contains("Zur Umfrage");
        assertThat(mail.text()).contains(PUBLIC_URL + links.getFirst());
        assertThat(get(links.getFirst()).body()).contains("Was hat Ihnen gefallen?", "<textarea");
        postForm("/public/surveys/answer/" + token, Map.of("sig", sig(links.getFirst()), "shownFor", "",
                "q.liked", "Die Verpackung"));

        SurveyResponse response = responses.find(token).orElseThrow();
        assertThat(response.comment()).isEqualTo("Die Verpackung");
        assertThat(response.complete()).isTrue();
        assertThat(get(links.getFirst()).body()).contains("Vielen Dank für Ihr Feedback!");
    }

    @Test
    void forged_and_altered_links_get_a_403_page_and_store_nothing() throws Exception {
        Sent sent = sendTo("email:forger-" + UUID.randomUUID() + "@example.com");
        String nine = sent.buttons().get(9);
        String signature = nine.substring(nine.indexOf("sig=") + 4);

        List<Response> refused = List.of(
                get(nine.replace("/9?", "/3?")),
                get(nine.replace("sig=" + signature, "sig=" + "A".repeat(signature.length()))),
                get(nine.substring(0, nine.indexOf('?'))),
                get(nine.replace(sent.token().toString(), UUID.randomUUID().toString())),
                get("/public/surveys/answer/" + sent.token() + "?sig=" + signature),
                postForm("/public/surveys/answer/" + sent.token(), Map.of("sig", signature, "q.score", "10")));

        assertThat(refused).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(403);
            assertThat(response.header("Content-Type")).startsWith("text/html");
            assertThat(response.body()).contains("This link is not valid", "nothing was saved");
        });
        assertThat(responses.find(sent.token())).isEmpty();
        assertThat(api.stat(sent.survey(), "answered")).isZero();
    }

    @Test
    void a_link_clicked_after_the_answer_window_gets_a_410_page() throws Exception {
        Sent sent = sendTo("email:late-" + UUID.randomUUID() + "@example.com");

        clock.advance(Duration.ofDays(31));
        Response late = get(sent.buttons().get(7));

        assertThat(late.status()).isEqualTo(410);
        assertThat(late.body()).contains("This survey is closed");
        assertThat(responses.find(sent.token())).isEmpty();
    }

    @Test
    void a_person_without_an_address_is_undeliverable_and_a_mail_the_server_refuses_is_retried_then_given_up() {
        Survey.Id id = api.createActive(SurveyApi.nps(""));
        String run = UUID.randomUUID().toString();
        double failedBefore = meters.counter("rapport.feedback.emails", "outcome", "failed").count();
        Response sent = api.post("/api/v1/surveys/" + id + "/sends", """
                {"channel":"email","identifiers":["user:nobody-%s","email:bad@@%s.example"]}""".formatted(run, run));
        assertThat(sent.status()).isEqualTo(202);

        invitations.dispatchDue();

        assertThat(api.stat(id, "skipped.undeliverable")).isEqualTo(1);
        assertThat(api.stat(id, "sent")).isEqualTo(1);
        UUID bad = invitations.list(id, InvitationStatus.SENT, 10, null).items().getFirst().token();
        // Three attempts, one second and then two seconds apart.
        await().atMost(Duration.ofSeconds(20)).until(() -> outboxStatus(bad).equals("FAILED"));
        Map<String, Object> row = jdbc.sql("select attempts, last_error from survey_email_outbox where invitation_id = ?")
                .param(bad).query().singleRow();
        assertThat(row.get("attempts")).isEqualTo(3);
        assertThat((String) row.get("last_error")).isNotBlank();
        assertThat(meters.counter("rapport.feedback.emails", "outcome", "failed").count()).isEqualTo(failedBefore + 1);
        assertThat(meters.counter("rapport.feedback.emails", "outcome", "retried").count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void a_qr_code_opens_the_survey_in_the_store_with_the_order_it_was_printed_for() throws Exception {
        Survey.Id id = api.createActive(SurveyApi.nps(""));
        String order = "R-" + UUID.randomUUID();
        HttpResponse<byte[]> png = qr(id, order);
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        String url = decodeQr(png.body());
        assertThat(url).startsWith(PUBLIC_URL + "/public/surveys/open/" + id + "?channel=store&locale=pt-BR&orderId="
                + order + "&sig=");
        assertThat(api.get("/api/v1/surveys/" + id + "/links?channel=store&locale=pt-BR&orderId=" + order).json()
                .get("url").stringValue()).isEqualTo(url);

        Response opened = get(url.substring(PUBLIC_URL.length()));
        assertThat(opened.status()).isEqualTo(303);
        String pagePath = opened.header("Location");
        UUID token = UUID.fromString(pagePath.replaceAll(".*/answer/([0-9a-f-]+)\\?.*", "$1"));
        Invitation shown = invitations.find(token).orElseThrow();
        assertThat(shown.channel()).isEqualTo("store");
        assertThat(shown.orderId()).isEqualTo(order);
        assertThat(shown.locale()).isEqualTo("pt-BR");
        assertThat(shown.status()).isEqualTo(InvitationStatus.SHOWN);
        Response page = get(pagePath);
        assertThat(page.body()).contains("lang=\"pt\"", "Qual é a probabilidade de você nos recomendar");

        Response refused = postForm("/public/surveys/answer/" + token, Map.of("sig", sig(pagePath), "shownFor", "",
                "q.score", "11"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("Não foi possível salvar sua resposta", "answers.score");
        Response answered = postForm("/public/surveys/answer/" + token, Map.of("sig", sig(pagePath), "shownFor", "",
                "q.score", "3"));
        assertThat(answered.status()).isEqualTo(303);
        assertThat(get(pagePath).body()).as("a detractor is asked what to improve")
                .contains("O que devemos melhorar?");
        SurveyResponse response = responses.find(token).orElseThrow();
        assertThat(response.channel()).isEqualTo("store");
        assertThat(response.orderId()).isEqualTo(order);
        assertThat(response.score()).isEqualTo(3);
        assertThat(response.complete()).isFalse();

        long invited = api.stat(id, "invited");
        Response forged = get(url.substring(PUBLIC_URL.length()).replace(order, order + "-2"));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(api.stat(id, "invited")).as("a forged order id opens nothing").isEqualTo(invited);
        Response badChannel = api.get("/api/v1/surveys/" + id + "/links?channel=pigeon");
        assertThat(badChannel.status()).isEqualTo(400);
        assertThat(badChannel.json().get("field").stringValue()).isEqualTo("channel");
        assertThat(api.get("/api/v1/surveys/" + id + "/qr.png?size=5000").status()).isEqualTo(400);
        assertThat(rapport.get("/api/v1/surveys/" + id + "/links", api.key("AGENT")).status())
                .as("agents read surveys but make no links").isEqualTo(403);
    }

    @Test
    void an_erasure_deletes_the_person_s_mail_from_the_outbox() throws Exception {
        String run = UUID.randomUUID().toString();
        String email = "erased-" + run + "@example.com";
        String writeKey = rapport.newSource("WEB").writeKey();
        track(writeKey, "/v1/identify", """
                {"userId":"erased-%s","traits":{"email":"%s"}}""".formatted(run, email));
        String customer = await().atMost(Duration.ofSeconds(15)).until(() -> rapport.get("/api/v1/customers?email="
                + email).json().get("items"), items -> items.size() == 1).get(0).get("id").stringValue();
        Sent sent = sendTo("user:erased-" + run);
        assertThat(outboxStatus(sent.token())).isEqualTo("SENT");

        Response erased = rapport.send(HttpRequest.newBuilder(rapport.uri("/api/v1/customers/" + customer))
                .header("Authorization", "Bearer " + RapportClient.ADMIN_KEY).DELETE());

        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.json().get("counts").get("feedback").get("survey_email_outbox").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from survey_email_outbox where recipient = ?").param(email)
                .query(Long.class).single()).isZero();
    }

    @Test
    void the_unsubscribe_link_asks_first_then_withdraws_the_consent_so_no_survey_reaches_the_person_again()
            throws Exception {
        String run = UUID.randomUUID().toString();
        String writeKey = rapport.newSource("WEB").writeKey();
        track(writeKey, "/v1/identify", """
                {"userId":"leaves-%s","traits":{"email":"leaves-%s@example.com"}}""".formatted(run, run));
        String customer = await().atMost(Duration.ofSeconds(15)).until(() -> rapport.get("/api/v1/customers?userId=leaves-"
                + run).json().get("items"), items -> items.size() == 1).get(0).get("id").stringValue();
        Sent sent = sendTo("user:leaves-" + run);

        assertThat(sent.mail().listUnsubscribe()).isEqualTo("<" + PUBLIC_URL + sent.unsubscribe() + ">");
        assertThat(sent.mail().listUnsubscribePost()).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(sent.unsubscribe()).startsWith("/public/surveys/unsubscribe/" + sent.token() + "?sig=");
        assertThat(sent.mail().text()).contains("No more surveys by email: " + PUBLIC_URL + sent.unsubscribe());
        assertThat(sent.mail().html()).contains("href=\"" + PUBLIC_URL + sent.unsubscribe() + "\"");

        Response asked = get(sent.unsubscribe());
        assertThat(asked.status()).isEqualTo(200);
        assertThat(asked.body()).contains("No more surveys by email?", ">Unsubscribe</button>");
        assertThat(surveyConsent(customer)).as("a GET (a mail scanner) changes nothing").isNull();
        String forged = "/public/surveys/unsubscribe/" + sent.token() + "?sig=" + sig(sent.buttons().getFirst());
        assertThat(get(forged).status()).isEqualTo(403);
        assertThat(postForm(forged, Map.of("List-Unsubscribe", "One-Click")).status()).isEqualTo(403);
        assertThat(surveyConsent(customer)).isNull();

        // What a mail client's own unsubscribe button sends (RFC 8058): a POST to the header's URL.
        Response unsubscribed = postForm(sent.unsubscribe(), Map.of("List-Unsubscribe", "One-Click"));
        assertThat(unsubscribed.status()).isEqualTo(200);
        assertThat(unsubscribed.body()).contains("You will get no more survey emails from us.");
        JsonNode consent = surveyConsent(customer);
        assertThat(consent.get("status").stringValue()).isEqualTo("revoked");
        assertThat(consent.get("source").stringValue()).isEqualTo("email");

        Survey.Id next = api.createActive(SurveyApi.nps(""));
        Response again = api.post("/api/v1/surveys/" + next + "/sends", """
                {"channel":"email","identifiers":["user:leaves-%s"]}""".formatted(run));
        assertThat(again.json().get("invited").asInt()).as(again.body()).isEqualTo(1);
        invitations.dispatchDue();
        Invitation held = invitations.list(next, null, 10, null).items().getFirst();
        assertThat(held.status()).as("held back when due").isEqualTo(InvitationStatus.SKIPPED);
        assertThat(held.skipReason()).isEqualTo(SkipReason.NO_CONSENT);
        assertThat(outboxStatus(held.token())).as("no mail").isEmpty();
    }

    private JsonNode surveyConsent(String customer) {
        for (JsonNode consent : rapport.get("/api/v1/customers/" + customer + "/consents").json().get("items")) {
            if (consent.get("purpose").stringValue().equals("surveys")) {
                return consent;
            }
        }
        return null;
    }

    /** An email invitation of a new NPS survey sent to one person, the mail that arrived and its links. */
    private record Sent(Survey.Id survey, UUID token, Mail mail, List<String> buttons, String unsubscribe) {
    }

    private Sent sendTo(String identifier) throws Exception {
        Survey.Id id = api.createActive(SurveyApi.nps(""));
        Response sent = api.post("/api/v1/surveys/" + id + "/sends", """
                {"channel":"email","identifiers":["%s"]}""".formatted(identifier));
        assertThat(sent.json().get("invited").asInt()).as(sent.body()).isEqualTo(1);
        invitations.dispatchDue();
        UUID token = invitations.list(id, null, 10, null).items().getFirst().token();
        Mail mail = awaitMail(null, token);
        String unsubscribe = mail.listUnsubscribe() == null ? null
                : mail.listUnsubscribe().replaceFirst("^<" + Pattern.quote(PUBLIC_URL) + "(.*)>$", "$1");
        return new Sent(id, token, mail, links(mail.html()), unsubscribe);
    }

    private String outboxStatus(UUID invitation) {
        return jdbc.sql("select status from survey_email_outbox where invitation_id = ?").param(invitation)
                .query(String.class).optional().orElse("");
    }

    private record Mail(String subject, String text, String html, String listUnsubscribe, String listUnsubscribePost) {
    }

    private Mail awaitMail(String recipient) throws Exception {
        return awaitMail(recipient, null);
    }

    /** The mail to this recipient, or the one whose links carry this token. */
    private Mail awaitMail(String recipient, UUID token) throws Exception {
        return await().atMost(Duration.ofSeconds(15)).until(() -> {
            for (MimeMessage message : smtp.getReceivedMessages()) {
                Mail mail = read(message);
                boolean to = recipient != null && Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> a.toString().equals(recipient));
                if (to || token != null && mail.text().contains(token.toString())) {
                    return mail;
                }
            }
            return null;
        }, mail -> mail != null);
    }

    private static Mail read(MimeMessage message) throws MessagingException, IOException {
        List<String> parts = new ArrayList<>(List.of("", ""));
        collect(message, parts);
        return new Mail(message.getSubject(), parts.get(0), parts.get(1), message.getHeader("List-Unsubscribe", null),
                message.getHeader("List-Unsubscribe-Post", null));
    }

    private static void collect(Part part, List<String> parts) throws MessagingException, IOException {
        if (part.isMimeType("text/plain")) {
            parts.set(0, (String) part.getContent());
        } else if (part.isMimeType("text/html")) {
            parts.set(1, (String) part.getContent());
        } else if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, parts);
            }
        }
    }

    /** The paths (and queries) of the survey links in a mail, in order, without its unsubscribe link. */
    private static List<String> links(String html) {
        List<String> links = new ArrayList<>();
        Matcher matcher = LINK.matcher(html);
        while (matcher.find()) {
            String link = matcher.group(1).replace("&amp;", "&");
            if (!link.startsWith("/public/surveys/unsubscribe/")) {
                links.add(link);
            }
        }
        return links;
    }

    private static String sig(String path) {
        return path.substring(path.indexOf("sig=") + 4);
    }

    private HttpResponse<byte[]> qr(Survey.Id id, String order) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(rapport.uri("/api/v1/surveys/" + id + "/qr.png?locale=pt-BR&orderId="
                    + order + "&size=300")).header("Authorization", "Bearer " + RapportClient.ADMIN_KEY).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    private static String decodeQr(byte[] png) throws IOException, NotFoundException, ChecksumException,
            FormatException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        // A generated code, not a photo: read as a pure barcode, as a scanner app would after finding it.
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                Map.of(DecodeHintType.PURE_BARCODE, true, DecodeHintType.TRY_HARDER, true)).getText();
    }

    private Response get(String pathAndQuery) {
        return rapport.send(HttpRequest.newBuilder(rapport.uri(pathAndQuery)).header("Accept-Language", "en").GET());
    }

    private Response postForm(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        // As a browser posts the answer page's form: from Rapport's public address, which the proxy in front hides.
        return rapport.send(HttpRequest.newBuilder(rapport.uri(path)).header("Origin", PUBLIC_URL)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private void track(String writeKey, String path, String body) {
        assertThat(rapport.track(path, writeKey, body).status()).as(path).isEqualTo(200);
    }
}
