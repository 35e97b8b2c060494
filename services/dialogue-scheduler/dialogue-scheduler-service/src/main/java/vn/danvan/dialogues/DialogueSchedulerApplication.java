package vn.danvan.dialogues;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class DialogueSchedulerApplication {

    public static void main(String[] args) {
        SpringApplication.run(DialogueSchedulerApplication.class, args);
    }
}
