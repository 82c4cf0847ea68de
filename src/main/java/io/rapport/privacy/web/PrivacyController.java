package io.rapport.privacy.web;

import java.util.List;
import java.util.UUID;

import io.rapport.customer.Customer;
import io.rapport.platform.ApiProblem;
import io.rapport.privacy.DataExports;
import io.rapport.privacy.Erasure;
import io.rapport.privacy.Erasures;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.node.ObjectNode;

/** Data-subject export and erasure, and the erasure audit. Admins only: these reach every module's data. */
@RestController
@PreAuthorize("hasRole('ADMIN')")
class PrivacyController {

    private final DataExports exports;
    private final Erasures erasures;

    PrivacyController(DataExports exports, Erasures erasures) {
        this.exports = exports;
        this.erasures = erasures;
    }

    /** Everything Rapport holds about the customer, as one JSON document. */
    @GetMapping("/api/v1/customers/{id}/export")
    ResponseEntity<ObjectNode> export(@PathVariable UUID id) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"customer-" + id + ".json\"")
                .body(exports.export(new Customer.Id(id)));
    }

    /** Erases the customer from every module at once; answers the audit record with the counts. */
    @DeleteMapping("/api/v1/customers/{id}")
    Erasure erase(@PathVariable UUID id, Authentication requester) {
        return erasures.erase(new Customer.Id(id), requester.getName());
    }

    record ErasureList(List<Erasure> items) {
    }

    @GetMapping("/api/v1/erasures")
    ErasureList erasures(@RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1_000) {
            throw ApiProblem.invalidField("limit", "limit must be between 1 and 1000.");
        }
        return new ErasureList(erasures.list(limit));
    }
}
