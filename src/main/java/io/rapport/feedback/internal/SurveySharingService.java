package io.rapport.feedback.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.rapport.feedback.Survey;
import io.rapport.feedback.SurveySharing;
import io.rapport.feedback.Surveys;
import io.rapport.platform.ApiProblem;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

@Service
class SurveySharingService implements SurveySharing {

    private final Surveys surveys;
    private final SurveyLinks links;

    SurveySharingService(Surveys surveys, SurveyLinks links) {
        this.surveys = surveys;
        this.links = links;
    }

    @Override
    public String link(Survey.Id id, String channel, @Nullable String locale, @Nullable String orderId) {
        Survey survey = surveys.find(id)
                .orElseThrow(() -> ApiProblem.notFound("There is no survey with the id " + id + "."));
        return links.open(survey.id(), channel, locale, orderId);
    }

    @Override
    public byte[] qrCode(Survey.Id survey, String channel, @Nullable String locale, @Nullable String orderId,
            int size) {
        if (size < MIN_QR_SIZE || size > MAX_QR_SIZE) {
            throw ApiProblem.invalidField("size", "size is " + MIN_QR_SIZE + " to " + MAX_QR_SIZE + " pixels.");
        }
        String url = link(survey, channel, locale, orderId);
        try {
            // Error correction M (15%) survives a creased receipt; the margin is the quiet zone ISO/IEC 18004 asks for.
            BitMatrix matrix = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, size, size,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", out);
            return out.toByteArray();
        } catch (WriterException e) {
            throw ApiProblem.badRequest("This link is too long for a QR code: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
