package vn.danvan.statistics.query;

import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import vn.danvan.statistics.figures.FigureReader;
import vn.danvan.statistics.figures.Generations;
import vn.danvan.statistics.units.StatisticsUnits;

@Configuration(proxyBeanMethods = false)
class QueryConfiguration {

    @Bean
    StatisticsQueries statisticsQueries(
            StatisticsUnits units,
            FigureReader reader,
            MongoTemplate mongo,
            Generations generations,
            ObjectProvider<Clock> clock) {
        return new StatisticsQueries(units, reader, mongo, generations, clock.getIfAvailable(Clock::systemUTC));
    }
}
