package io.rapport.console;

import java.util.UUID;

import io.rapport.customer.Customer;
import io.rapport.customer.CustomerMerges;
import io.rapport.platform.ApiProblem;
import io.rapport.privacy.Consent;
import io.rapport.privacy.Consents;
import io.rapport.privacy.DataExports;
import io.rapport.privacy.Erasures;
import io.rapport.privacy.Purpose;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.json.JsonMapper;

/** What people do on a Customer 360 page: record a consent, merge or undo, export, erase. */
@Controller
class CustomerActions {

    private final Consents consents;
    private final CustomerMerges merges;
    private final DataExports exports;
    private final Erasures erasures;
    private final JsonMapper json;

    CustomerActions(Consents consents, CustomerMerges merges, DataExports exports, Erasures erasures,
            JsonMapper json) {
        this.consents = consents;
        this.merges = merges;
        this.exports = exports;
        this.erasures = erasures;
        this.json = json;
    }

    @PostMapping("/console/customers/{id}/consents")
    @PreAuthorize("hasAnyRole('MARKETER', 'AGENT')")
    String consent(@PathVariable UUID id, @RequestParam String purpose, @RequestParam String status,
            RedirectAttributes redirect) {
        Purpose what = Purpose.fromWire(purpose).orElseThrow(() -> ApiProblem.invalidField("purpose",
                "Choose one of " + Purpose.names() + "."));
        Consent.Status answer = Consent.Status.fromWire(status).orElseThrow(() -> ApiProblem.invalidField("status",
                "Choose granted, denied or revoked."));
        consents.set(new Customer.Id(id), what, answer, Consent.Source.CONSOLE);
        redirect.addFlashAttribute("notice", "Recorded: " + Labels.purpose(what) + " " + answer.wireName() + ".");
        return "redirect:/console/customers/" + id;
    }

    @PostMapping("/console/customers/{id}/merge")
    @PreAuthorize("hasAnyRole('ANALYST', 'AGENT')")
    String merge(@PathVariable UUID id, @RequestParam String other, Authentication who, RedirectAttributes redirect) {
        UUID otherId;
        try {
            otherId = UUID.fromString(other.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("other", "Paste the other customer's id, as shown in its page address.");
        }
        CustomerMerges.Merge merge = merges.merge(new Customer.Id(id), new Customer.Id(otherId), who.getName());
        redirect.addFlashAttribute("notice", "The two customers are merged.");
        redirect.addFlashAttribute("undoMerge", merge.id());
        return "redirect:/console/customers/" + merge.customer();
    }

    @PostMapping("/console/customer-merges/{mergeId}/undo")
    @PreAuthorize("hasAnyRole('ANALYST', 'AGENT')")
    String undo(@PathVariable UUID mergeId, Authentication who, RedirectAttributes redirect) {
        CustomerMerges.Merge merge = merges.undo(mergeId, who.getName());
        redirect.addFlashAttribute("notice", "The merge is undone: the customers are apart again.");
        return merge.customer() == null ? "redirect:/console/customers"
                : "redirect:/console/customers/" + merge.customer();
    }

    /** Everything Rapport holds about the person, as the JSON document of a data-subject access request. */
    @GetMapping("/console/customers/{id}/export")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<String> export(@PathVariable UUID id) {
        String document = json.writerWithDefaultPrettyPrinter().writeValueAsString(exports.export(new Customer.Id(id)));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"customer-" + id + ".json\"")
                .contentType(MediaType.APPLICATION_JSON)
                .body(document);
    }

    @PostMapping("/console/customers/{id}/erase")
    @PreAuthorize("hasRole('ADMIN')")
    String erase(@PathVariable UUID id, Authentication who, RedirectAttributes redirect) {
        var erasure = erasures.erase(new Customer.Id(id), who.getName());
        redirect.addFlashAttribute("notice", "The customer was erased from every module (erasure " + erasure.id().value()
                + "); only the counts are kept in the audit.");
        return "redirect:/console/customers";
    }
}
