package io.tickhub.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** A bad setting stops start-up with a message that names it. */
class ConfigurationValidationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TickhubProperties.class)
    static class PropertiesOnly {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(PropertiesOnly.class);

    @Test
    void validDefaultsStart() {
        runner.run(context -> assertThat(context).hasNotFailed().hasSingleBean(TickhubProperties.class));
    }

    @Test
    void anUnknownRoleIsRefusedByName() {
        assertFailsNaming("tickhub.roles=gateway,router", "unknown role 'router'");
    }

    @Test
    void splitRolesWithoutKafkaAreRefused() {
        assertFailsNaming("tickhub.roles=gateway", "tickhub.roles=gateway needs tickhub.bus.type=kafka");
    }

    @Test
    void ticksInTheJournalOnASharedBusAreRefused() {
        assertFailsNaming("tickhub.bus.type=kafka", "tickhub.journal.tick-store=journal needs the in-process bus",
                "tickhub.journal.tick-store=journal");
        assertFailsNaming("tickhub.bus.type=redis", "tickhub.journal.tick-store=journal needs the in-process bus",
                "tickhub.journal.tick-store=journal");
    }

    @Test
    void aNegativeJournalFlushIntervalIsRefused() {
        assertFailsNaming("tickhub.journal.flush-interval=-1s", "tickhub.journal.flush-interval must be >= 0");
    }

    @Test
    void aNegativeJournalRetentionIsRefused() {
        assertFailsNaming("tickhub.journal.retention=-1h", "tickhub.journal.retention must be >= 0");
    }

    @Test
    void anUnknownTickStoreIsRefused() {
        assertFailsNaming("tickhub.journal.tick-store=sqlite", "tick-store");
    }

    @Test
    void aJobLeaseShorterThanThreeSecondsIsRefused() {
        assertFailsNaming("tickhub.jobs.lease=2s", "tickhub.jobs.lease must be at least 3s");
    }

    @Test
    void aNegativeResumeReachIntoTheStoreIsRefused() {
        assertFailsNaming("tickhub.stream.resume-from-store=-1", "resumeFromStore");
    }

    @Test
    void aWarmUpHoldOutsideZeroToAMinuteIsRefused() {
        assertFailsNaming("tickhub.stream.warm-up-hold=61s", "tickhub.stream.warm-up-hold must be in [0, 1m]");
        assertFailsNaming("tickhub.stream.warm-up-hold=-1s", "tickhub.stream.warm-up-hold must be in [0, 1m]");
    }

    @Test
    void aSocketSendBufferOutsideItsRangeIsRefusedAndZeroMeansTheKernelsAutotuning() {
        String expected = "tickhub.stream.socket-send-buffer must be 0 (the kernel's autotuning) or in [4KB, 64MB]";
        assertFailsNaming("tickhub.stream.socket-send-buffer=4095B", expected);
        assertFailsNaming("tickhub.stream.socket-send-buffer=65MB", expected);
        assertFailsNaming("tickhub.stream.socket-send-buffer=-1KB", expected);
        for (String allowed : new String[] {"0", "4KB", "64MB"}) {
            runner.withPropertyValues("tickhub.stream.socket-send-buffer=" + allowed)
                    .run(context -> assertThat(context).hasNotFailed());
        }
    }

    @Test
    void negativeWarmUpHeldSessionsAreRefused() {
        assertFailsNaming("tickhub.stream.warm-up-held-sessions=-1", "warmUpHeldSessions");
    }

    @Test
    void historySizeBelowOneIsRefused() {
        assertFailsNaming("tickhub.history-size=0", "historySize");
    }

    @Test
    void ringSizeMustBeAPowerOfTwo() {
        assertFailsNaming("tickhub.ingest.ring-size=1000", "tickhub.ingest.ring-size must be a power of two");
    }

    @Test
    void initialPriceMaxBelowMinIsRefused() {
        assertFailsNaming("tickhub.simulator.initial-price-min=300",
                "initial-price-max (200.0) must be >= initial-price-min (300.0)");
    }

    @Test
    void zeroIntervalIsRefused() {
        assertFailsNaming("tickhub.simulator.interval=0s", "interval must be > 0");
    }

    @Test
    void unknownModelIsRefused() {
        assertFailsNaming("tickhub.simulator.model=sideways", "sideways");
    }

    @Test
    void unknownDailyBarZoneIsRefused() {
        assertFailsNaming("tickhub.bars.daily-zone=Mars/Olympus", "tickhub.bars.daily-zone: not a time zone");
    }

    @Test
    void negativeNewsIntervalIsRefused() {
        assertFailsNaming("tickhub.simulator.news-interval=-1s", "tickhub.simulator.news-interval must be >= 0");
    }

    @Test
    void newsKeptInMemoryBelowOneIsRefused() {
        assertFailsNaming("tickhub.news.recent-size=0", "recentSize");
    }

    @Test
    void unknownBusTypeIsRefused() {
        assertFailsNaming("tickhub.bus.type=carrier-pigeon", "carrier-pigeon");
    }

    @Test
    void zeroKafkaPollTimeoutIsRefused() {
        assertFailsNaming("tickhub.bus.kafka.poll-timeout=0s", "tickhub.bus.kafka.poll-timeout must be > 0");
    }

    @Test
    void anIngestSessionTimeoutTheBrokerWouldRefuseIsRefusedAtStart() {
        assertFailsNaming("tickhub.bus.kafka.ingest-session-timeout=3s", "tickhub.bus.kafka.ingest-session-timeout must be 6s..30m");
    }

    @Test
    void aBlankKafkaNewsTopicIsRefused() {
        assertFailsNaming("tickhub.bus.kafka.news-topic= ", "newsTopic");
    }

    @Test
    void kafkaPartitionsBelowOneAreRefused() {
        assertFailsNaming("tickhub.bus.kafka.partitions=0", "partitions");
    }

    @Test
    void unknownCacheTypeAndZeroTtlAreRefused() {
        assertFailsNaming("tickhub.cache.type=disk", "disk");
        assertFailsNaming("tickhub.cache.ttl=0s", "tickhub.cache.ttl must be > 0");
    }

    @Test
    void zeroRedisCommandTimeoutIsRefused() {
        assertFailsNaming("tickhub.redis.command-timeout=0s", "tickhub.redis.command-timeout must be > 0");
    }

    @Test
    void disabledSimulatorIsNotValidated() {
        runner.withPropertyValues("tickhub.simulator.enabled=false", "tickhub.simulator.interval=0s")
                .run(context -> assertThat(context).hasNotFailed());
    }

    private void assertFailsNaming(String setting, String expected, String... more) {
        String[] all = new String[more.length + 1];
        all[0] = setting;
        System.arraycopy(more, 0, all, 1, more.length);
        runner.withPropertyValues(all).run(context -> {
            assertThat(context).hasFailed();
            StringBuilder messages = new StringBuilder();
            for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
                messages.append(t.getMessage()).append('\n');
            }
            assertThat(messages.toString()).contains(expected);
        });
    }
}
