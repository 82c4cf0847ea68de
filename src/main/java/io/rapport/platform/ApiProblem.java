package io.rapport.platform;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A failure the caller can fix, answered as an RFC 9457 problem detail. {@code field} names the offending
 * input when there is one; {@code errors} lists every offending field when a whole document was checked.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final @Nullable String field;
    private final List<FieldError> errors;

    /** One offending field and what is wrong with it. */
    public record FieldError(String field, String detail) {
    }

    public ApiProblem(HttpStatus status, String title, String detail, @Nullable String field) {
        this(status, title, detail, field, List.of());
    }

    private ApiProblem(HttpStatus status, String title, String detail, @Nullable String field,
            List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.field = field;
        this.errors = List.copyOf(errors);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Bad request", detail, null);
    }

    public static ApiProblem invalidField(String field, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid field", detail, field);
    }

    /** Every error found in a document: the first one is the problem's {@code field} and {@code detail}. */
    public static ApiProblem invalidFields(List<FieldError> errors) {
        FieldError first = errors.getFirst();
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid field", first.field() + ": " + first.detail(),
                first.field(), errors);
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "Not found", detail, null);
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, "Conflict", detail, null);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public @Nullable String field() {
        return field;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
