package io.rapport.feedback.web;

import java.util.UUID;

import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveySharing;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Signed links that open a survey for whoever follows them — printed on receipts, shown in a store as a QR code,
 * shared in a newsletter — and their QR codes. See docs/surveys.md, "Links and QR codes".
 */
@RestController
@RequestMapping("/api/v1/surveys/{id}")
@PreAuthorize("hasAnyRole('ANALYST', 'MARKETER')")
@Tag(name = "Surveys")
class SurveyLinksController {

    private final SurveySharing sharing;

    SurveyLinksController(SurveySharing sharing) {
        this.sharing = sharing;
    }

    record Link(String url) {
    }

    @GetMapping("/links")
    @Operation(summary = "A signed URL that opens the survey through channel link or store, with a locale and order id")
    Link link(@PathVariable UUID id, @RequestParam(defaultValue = "link") String channel,
            @RequestParam(required = false) @Nullable String locale,
            @RequestParam(required = false) @Nullable String orderId) {
        return new Link(sharing.link(new Survey.Id(id), channel, locale, orderId));
    }

    @GetMapping(path = "/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(summary = "The signed URL of /links as a PNG QR code, size × size pixels (100–1000, default 300)")
    ResponseEntity<byte[]> qr(@PathVariable UUID id, @RequestParam(defaultValue = "store") String channel,
            @RequestParam(required = false) @Nullable String locale,
            @RequestParam(required = false) @Nullable String orderId,
            @RequestParam(defaultValue = "300") int size) {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore())
                .body(sharing.qrCode(new Survey.Id(id), channel, locale, orderId, size));
    }
}
