package vn.danvan.models;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ModelRegistryApplication {

    public static void main(String[] args) {
        SpringApplication.run(ModelRegistryApplication.class, args);
    }
}
