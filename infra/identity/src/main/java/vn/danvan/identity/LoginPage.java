package vn.danvan.identity;

import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/** The login form of the dashboard's sign-in, Vietnamese first (Spring Security's generated page is English only). */
@Controller
class LoginPage {

    @GetMapping(value = "/login", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String login(CsrfToken csrf, @RequestParam(required = false) String error) {
        String failure = error == null
                ? ""
                : "<p class=\"error\" role=\"alert\">Sai tên đăng nhập hoặc mật khẩu."
                        + " / Wrong username or password.</p>";
        return """
                <!doctype html>
                <html lang="vi">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Đăng nhập / Sign in · Dân Vận</title>
                  <style>
                    body { font-family: system-ui, sans-serif; max-width: 22rem; margin: 4rem auto; padding: 0 1rem; }
                    label { display: block; margin-top: 1rem; }
                    input { width: 100%%; padding: .4rem; box-sizing: border-box; }
                    button { margin-top: 1.5rem; padding: .5rem 1rem; }
                    .error { color: #a00; }
                    .note { color: #555; font-size: .85rem; margin-top: 2rem; }
                  </style>
                </head>
                <body>
                  <h1>Đăng nhập <small>/ Sign in</small></h1>
                  %s
                  <form method="post" action="login">
                    <label>Tên đăng nhập / Username <input name="username" autocomplete="username" required autofocus></label>
                    <label>Mật khẩu / Password <input name="password" type="password" autocomplete="current-password" required></label>
                    <input type="hidden" name="%s" value="%s">
                    <button type="submit">Đăng nhập / Sign in</button>
                  </form>
                  <p class="note">Chỉ tài khoản minh hoạ / demo accounts only (docs/identity.md).</p>
                </body>
                </html>
                """
                .formatted(
                        failure, HtmlUtils.htmlEscape(csrf.getParameterName()), HtmlUtils.htmlEscape(csrf.getToken()));
    }
}
