package vn.danvan.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

/** What {@code infra/compose-secrets --print} makes for docker-compose.yml, run as an operator would. */
public final class ComposeSecrets {

    private ComposeSecrets() {}

    /** A new value of the variable, from one run of the script. */
    public static String value(String variable) throws Exception {
        Process process = new ProcessBuilder("bash", "../../../infra/compose-secrets", "--print")
                .redirectErrorStream(true)
                .start();
        String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(printed).isZero();
        return printed.lines()
                .filter(line -> line.startsWith(variable + "="))
                .map(line -> line.substring(variable.length() + 1))
                .findFirst()
                .orElseThrow(() -> new AssertionError(variable + " not in: " + printed));
    }
}
