package vn.danvan.bench.floor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Spring Cloud Gateway with routes only: the framework's own cost per proxied request (bench/gateway-load). */
@SpringBootApplication
public class FloorGateway {

    public static void main(String[] args) {
        SpringApplication.run(FloorGateway.class, args);
    }
}
