package io.rapport.platform.web;

import java.util.List;
import java.util.UUID;

import io.rapport.platform.ApiKey;
import io.rapport.platform.ApiKeys;
import io.rapport.platform.Role;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Management API keys: issued with their secret once, listed by prefix, revoked by id. */
@RestController
@RequestMapping("/api/v1/api-keys")
@PreAuthorize("hasRole('ADMIN')")
class ApiKeysController {

    private final ApiKeys apiKeys;

    ApiKeysController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    record NewKey(@NotBlank @Size(max = 100) String name, @NotNull Role role) {
    }

    record KeyView(UUID id, String name, String prefix, Role role, String createdAt, boolean active) {
        static KeyView of(ApiKey key) {
            return new KeyView(key.id().value(), key.name(), key.prefix(), key.role(), key.createdAt().toString(),
                    key.active());
        }
    }

    record IssuedView(UUID id, String name, Role role, String key) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IssuedView issue(@Valid @RequestBody NewKey request) {
        ApiKey.Issued issued = apiKeys.issue(request.name(), request.role());
        return new IssuedView(issued.key().id().value(), issued.key().name(), issued.key().role(), issued.secret());
    }

    @GetMapping
    List<KeyView> list() {
        return apiKeys.list().stream().map(KeyView::of).toList();
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable UUID id) {
        apiKeys.revoke(new ApiKey.Id(id));
    }
}
