package vn.danvan.kit.testapp;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** A service's {@code @WebMvcTest} slice sees the same problem responses as the running service. */
@WebMvcTest(
        controllers = TestDialogueController.class,
        properties = {"danvan.http.max-request-body=1KB", "danvan.security.public-endpoints=/test/dialogues/**"})
@Import({TestStore.class, TestDialogueService.class})
class SliceTestProblemsTest {

    @Autowired
    private MockMvc mvc;

    @Autowired
    private TestStore store;

    @Test
    void validationProblemInASliceTest() throws Exception {
        mvc.perform(post("/test/dialogues")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"topic\":\"\",\"location\":{\"communeCode\":\"1\"},\"channel\":\"LETTER\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:danvan:problem:validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("topic"));
    }

    @Test
    void bodyLimitInASliceTest() throws Exception {
        mvc.perform(post("/test/dialogues")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"topic\":\"" + "x".repeat(2048) + "\"}"))
                .andExpect(status().isContentTooLarge())
                .andExpect(jsonPath("$.type").value("urn:danvan:problem:payload-too-large"));
        org.assertj.core.api.Assertions.assertThat(store.stored()).isZero();
    }
}
