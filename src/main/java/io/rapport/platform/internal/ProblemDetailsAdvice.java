package io.rapport.platform.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.rapport.platform.ApiProblem;
import io.rapport.platform.UploadLimit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;

/** Every error of a REST controller becomes an RFC 9457 problem detail with a readable {@code detail}. */
@RestControllerAdvice(annotations = RestController.class)
@Order(0)
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private final UploadLimit uploadLimit;

    ProblemDetailsAdvice(UploadLimit uploadLimit) {
        this.uploadLimit = uploadLimit;
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
        body.setTitle(problem.title());
        if (problem.field() != null) {
            body.setProperty("field", problem.field());
        }
        return problem(problem.status(), body);
    }

    /** Method security denials arrive here, not at the security filter chain's handler. */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> accessDenied(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "This API key's role may not do this. Ask an admin for a key with the right role."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error", e);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Rapport could not complete this request. It was logged; try again, and if it persists "
                        + "report it with the time of the request.");
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, body);
    }

    /** Problem JSON whatever the Accept header asks for: an error must not turn into a 406. */
    static ResponseEntity<ProblemDetail> problem(HttpStatusCode status, ProblemDetail body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        HttpHeaders problemHeaders = new HttpHeaders(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, problemHeaders, statusCode);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The body could not be read as the JSON this call expects.");
        if (ex.getCause() instanceof DatabindException cause) {
            body.setDetail("The body could not be read: " + cause.getOriginalMessage());
            String field = cause.getPath().stream().map(p -> p.getPropertyName()).filter(Objects::nonNull)
                    .reduce((a, b) -> b).orElse(null);
            if (field != null) {
                body.setProperty("field", field);
            }
        }
        return createResponseEntity(body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult().getFieldErrors().stream()
                .map(e -> Map.of("field", e.getField(), "detail", String.valueOf(e.getDefaultMessage())))
                .toList();
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.isEmpty() ? "The request is invalid." : errors.getFirst().get("field") + ": "
                        + errors.getFirst().get("detail"));
        body.setTitle("Invalid field");
        if (!errors.isEmpty()) {
            body.setProperty("field", errors.getFirst().get("field"));
            body.setProperty("errors", errors);
        }
        return createResponseEntity(body, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    /** Multipart requests are read lazily, so an upload over the limit reaches the controller's advice. */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, uploadLimit.refusal());
        body.setTitle("Upload too large");
        return createResponseEntity(body, new HttpHeaders(), HttpStatus.CONTENT_TOO_LARGE, request);
    }
}
