package vn.danvan.kit.testapp;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A dialogue as a client would submit it; shaped to exercise nested paths, enums and lists. */
public record DialogueRequest(
        @NotBlank @Size(min = 3, max = 200) String topic,
        @NotNull @Valid Location location,
        @NotNull Channel channel,
        @Min(1) @Max(500) Integer participants,
        @Size(max = 3) List<@NotBlank String> tags,
        @Pattern(regexp = "0\\d{9}", message = "{test.phone.format}") String hostPhone) {

    public record Location(@NotBlank String communeCode, String village) {}

    public enum Channel {
        HOTLINE,
        LETTER,
        @JsonProperty("web-form")
        WEB_FORM
    }
}
