package vn.danvan.feedback;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class FeedbackIntakeApplication {

    public static void main(String[] args) {
        SpringApplication.run(FeedbackIntakeApplication.class, args);
    }
}
