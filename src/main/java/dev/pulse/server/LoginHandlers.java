package dev.pulse.server;

import dev.pulse.access.User;
import dev.pulse.access.UserStore;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Logging in and out of the dashboard. The login form carries a token that must match a cookie set
 * with it (no other site can post a login here); failures are throttled per account and per address and
 * answered with one message whether the account exists or not; a login always starts a new session.
 */
final class LoginHandlers {
    private static final String LOGIN_COOKIE = "pulse_login";
    private static final String WRONG = "The e-mail or the password is wrong.";

    private final DataAccess data;
    private final UserStore users;
    private final Sessions sessions;
    private final LoginThrottle throttle;
    private final TemplateEngine templates;
    private final boolean secure;

    LoginHandlers(DataAccess data, UserStore users, Sessions sessions, LoginThrottle throttle, TemplateEngine templates, boolean secure) {
        this.data = requireNonNull(data, "data is null");
        this.users = requireNonNull(users, "users is null");
        this.sessions = requireNonNull(sessions, "sessions is null");
        this.throttle = requireNonNull(throttle, "throttle is null");
        this.templates = requireNonNull(templates, "templates is null");
        this.secure = secure;
    }

    void page(Context ctx) {
        if (sessions.find(ctx.cookie(PulseServer.SESSION_COOKIE)).isPresent()) {
            ctx.redirect(safeNext(ctx.queryParam("next")));
            return;
        }
        render(ctx, 200, null, safeNext(ctx.queryParam("next")), "");
    }

    void submit(Context ctx) throws Exception {
        String next = safeNext(ctx.formParam("next"));
        String email = bounded(ctx.formParam("email"), 254).trim().toLowerCase(java.util.Locale.ROOT);
        String sent = ctx.formParam("_csrf");
        String expected = ctx.cookie(LOGIN_COOKIE);
        if (sent == null || expected == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8))) {
            render(ctx, 403, "The login form had expired. Please try again.", next, email);
            return;
        }
        String address = ctx.ip();
        Optional<Duration> wait = throttle.wait(email, address);
        if (wait.isPresent()) {
            long seconds = Math.max(1, wait.get().toSeconds() + (wait.get().toMillisPart() > 0 ? 1 : 0));
            ctx.header("Retry-After", Long.toString(seconds));
            render(ctx, 429, "Too many failed attempts. Try again in " + seconds + " s.", next, email);
            return;
        }
        Optional<User> user;
        synchronized (data.lock()) {
            user = users.login(email, bounded(ctx.formParam("password"), 4 * UserStore.MAX_PASSWORD_LENGTH + 1));
        }
        if (user.isEmpty()) {
            throttle.failed(email, address);
            render(ctx, 401, WRONG, next, email);
            return;
        }
        throttle.succeeded(email);
        Sessions.Session session = sessions.start(user.get(), ctx.cookie(PulseServer.SESSION_COOKIE));
        setCookie(ctx, PulseServer.SESSION_COOKIE, session.id(), "/", "Lax", -1);
        setCookie(ctx, LOGIN_COOKIE, "", "/login", "Strict", 0);
        ctx.redirect(next);
    }

    void logout(Context ctx) throws Exception {
        Sessions.Session session = ctx.attribute(PulseServer.SESSION);
        if (session != null) {
            sessions.end(session.id());
            synchronized (data.lock()) {
                users.audit(session.user().email(), "logout", session.user().email());
            }
        }
        setCookie(ctx, PulseServer.SESSION_COOKIE, "", "/", "Lax", 0);
        ctx.redirect("/login");
    }

    private void render(Context ctx, int status, String message, String next, String email) {
        String token = sessions.randomId();
        setCookie(ctx, LOGIN_COOKIE, token, "/login", "Strict", 3600);
        StringOutput output = new StringOutput();
        templates.render("login.jte", Map.of("csrf", token, "next", next, "message", message == null ? "" : message, "email", email), output);
        ctx.status(status).contentType("text/html; charset=utf-8").result(output.toString());
    }

    /**
     * A cookie no script can read (HttpOnly), sent back only by this site's own pages (SameSite), and only
     * over HTTPS when the server has it (Secure). maxAge -1: until the browser closes; 0: removed.
     */
    private void setCookie(Context ctx, String name, String value, String path, String sameSite, int maxAge) {
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=" + path + "; HttpOnly; SameSite=" + sameSite
                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "") + (secure ? "; Secure" : ""));
    }

    /** Where to go after logging in: a path of this site only (no other host, no header injection). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.length() > 2000
                || next.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/";
        }
        return next;
    }

    private static String bounded(String value, int max) {
        if (value == null) {
            return "";
        }
        return value.length() > max ? value.substring(0, max) : value;
    }
}
