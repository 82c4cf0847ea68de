package io.rapport.collect.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import io.rapport.platform.ApiProblem;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Reads a tracking call's body, gunzipping it when it says {@code Content-Encoding: gzip}, and refuses it as
 * soon as it passes the limit, so an oversize (or zip-bomb) body never sits in memory whole.
 */
public final class TrackingBody {

    private TrackingBody() {
    }

    public static byte[] read(HttpServletRequest request, int limit) throws IOException {
        long declared = request.getContentLengthLong();
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        boolean gzip = encoding != null && encoding.strip().equalsIgnoreCase("gzip");
        if (encoding != null && !gzip && !encoding.strip().equalsIgnoreCase("identity")) {
            throw ApiProblem.badRequest("Content-Encoding '" + encoding + "' is not supported; send gzip or none.");
        }
        if (declared > limit) {
            throw tooLarge(limit);
        }
        try (InputStream body = gzip ? new GZIPInputStream(request.getInputStream()) : request.getInputStream()) {
            byte[] bytes = body.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw tooLarge(limit);
            }
            return bytes;
        } catch (ZipException | EOFException e) {
            throw ApiProblem.badRequest("The body says Content-Encoding: gzip but is not complete gzip data.");
        }
    }

    private static ApiProblem tooLarge(int limit) {
        // 400, not 413: Segment's clients treat 413 as retryable, and a too-large call never succeeds on retry.
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Too large",
                "The body is larger than " + limit / 1024 + " KB. Send at most 32 KB per message and 500 KB per "
                        + "batch call; split larger batches.", null);
    }
}
