package dev.pulse.server;

import dev.pulse.program.Answers;
import dev.pulse.program.Wording;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The respondent's pages, without login: {@code /s/{token}} asks the question and stores the answer;
 * {@code /s/{token}/opt-out} records an opt-out (also as RFC 8058's one-click POST from a mail
 * client). Plain HTML forms, no script. The token is the only credential; an unknown, forged,
 * expired or used one gets a friendly page and stores nothing. The answer is committed before the
 * thank-you page is sent.
 */
final class SurveyPages {
    private final DataAccess data;
    private final Answers answers;
    private final TemplateEngine templates;
    private final RequestThrottle throttle;
    private final java.util.function.Consumer<String> answered;
    private final ZoneId zone;
    private final String company;

    /** @param answered told after each stored answer (the data changed: caches, comment analysis) */
    SurveyPages(DataAccess data, Answers answers, TemplateEngine templates, RequestThrottle throttle, java.util.function.Consumer<String> answered) {
        this.data = requireNonNull(data, "data is null");
        this.answers = requireNonNull(answers, "answers is null");
        this.templates = requireNonNull(templates, "templates is null");
        this.throttle = requireNonNull(throttle, "throttle is null");
        this.answered = requireNonNull(answered, "answered is null");
        this.zone = data.config().zone();
        this.company = data.config().report().company();
    }


    private void limit(Context ctx) {
        throttle.take("survey:" + ctx.ip()).ifPresent(wait -> {
            throw new ApiError(429, "too many requests: try again in a minute", null, java.util.List.of(), Math.max(1, wait.toSeconds()));
        });
    }

    private Answers.Status status(String token) throws java.sql.SQLException {
        synchronized (data.lock()) {
            return answers.status(token);
        }
    }

    /** The friendly page of a token that can take no answer: used (409), expired (410), unknown or forged (404). */
    private void refuse(Context ctx, Wording wording, Answers.State state) {
        switch (state) {
            case USED -> render(ctx, 409, messageView(wording, wording.used(), null));
            case EXPIRED -> render(ctx, 410, messageView(wording, wording.expired(), null));
            case UNKNOWN, OPEN, EDITABLE -> render(ctx, 404, messageView(wording, wording.unknown(), null));
        }
    }

    void show(Context ctx) throws Exception {
        limit(ctx);
        String token = ctx.pathParam("token");
        Answers.Status status = status(token);
        Wording wording = new Wording(status.language(), company);
        switch (status.state()) {
            case OPEN -> render(ctx, 200, formView(wording, token, null, null, null));
            case EDITABLE -> render(ctx, 200, formView(wording, token, status.score(), status.comment(), null));
            case USED, EXPIRED, UNKNOWN -> refuse(ctx, wording, status.state());
        }
    }

    void submit(Context ctx) throws Exception {
        limit(ctx);
        String token = ctx.pathParam("token");
        String scoreText = ctx.formParam("score");
        String comment = ctx.formParam("comment");
        Integer score = scoreText != null && scoreText.strip().matches("\\d{1,2}") ? Integer.valueOf(scoreText.strip()) : null;
        boolean tooLong = comment != null && comment.length() > Answers.MAX_COMMENT;
        if (score == null || score > 10 || tooLong) {
            Answers.Status before = status(token); // a form to show again, or a token to refuse first
            Wording wording = new Wording(before.language(), company);
            if (before.state() != Answers.State.OPEN && before.state() != Answers.State.EDITABLE) {
                refuse(ctx, wording, before.state());
            } else if (score == null || score > 10) {
                render(ctx, 400, formView(wording, token, null, comment, wording.chooseScore()));
            } else {
                render(ctx, 400, formView(wording, token, score, comment.substring(0, Answers.MAX_COMMENT),
                        wording.commentTooLong(Answers.MAX_COMMENT)));
            }
            return;
        }
        Answers.Result result;
        synchronized (data.lock()) {
            result = answers.submit(token, score, comment); // checks the token in its transaction
        }
        Wording wording = new Wording(result.status().language(), company);
        switch (result.outcome()) {
            case STORED, UPDATED -> {
                answered.accept(result.responseId());
                String message = result.outcome() == Answers.Outcome.STORED ? wording.thanks() : wording.updated();
                render(ctx, 200, messageView(wording, message, wording.editable(when(result.status().editableUntil()))));
            }
            case USED, EXPIRED, UNKNOWN -> refuse(ctx, wording, result.status().state());
        }
    }

    void optOutPage(Context ctx) throws Exception {
        limit(ctx);
        String token = ctx.pathParam("token");
        Answers.Status status = status(token);
        Wording wording = new Wording(status.language(), company);
        if (status.state() == Answers.State.UNKNOWN) {
            render(ctx, 404, messageView(wording, wording.unknown(), null));
            return;
        }
        render(ctx, 200, new Views.SurveyView(wording.language(), wording.pageTitle(), wording.optOutQuestion(), null, false, token, null, null, null,
                null, null, null, null, null, null, null, wording.optOutButton(), true));
    }

    void optOut(Context ctx) throws Exception {
        limit(ctx);
        String token = ctx.pathParam("token");
        Answers.Status status;
        boolean recorded;
        synchronized (data.lock()) {
            status = answers.status(token);
            recorded = answers.optOut(token);
        }
        Wording wording = new Wording(status.language(), company);
        render(ctx, recorded ? 200 : 404, messageView(wording, recorded ? wording.optedOut() : wording.unknown(), null));
    }

    private Views.SurveyView formView(Wording wording, String token, Integer score, String comment, String error) {
        return new Views.SurveyView(wording.language(), wording.pageTitle(), null, null, true, token, wording.question(), wording.scoreLegend(),
                wording.scaleLow(), wording.scaleHigh(), wording.commentLabel(), wording.submit(), score, comment, error,
                "/s/" + token + "/opt-out", wording.optOutButton(), false);
    }

    private Views.SurveyView messageView(Wording wording, String message, String detail) {
        return new Views.SurveyView(wording.language(), wording.pageTitle(), message, detail, false, null, null, null, null, null, null, null, null,
                null, null, null, null, false);
    }

    private String when(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).format(instant.atZone(zone)) + " ("
                + zone.getId() + ")";
    }

    private void render(Context ctx, int status, Views.SurveyView view) {
        StringOutput output = new StringOutput();
        templates.render("survey.jte", Map.of("view", view), output);
        PulseServer.answered(ctx);
        ctx.status(status).contentType("text/html; charset=utf-8").result(output.toString());
    }
}
