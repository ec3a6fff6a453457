package ai.sentiric.bench;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * What the broker on this machine costs per event, the floor under the platform's CPU per call:
 * messages the size of a {@code call.started} (600 bytes) published at a fixed rate to a durable
 * queue with publisher confirms, consumed with an acknowledgement each, as the services do; the
 * broker's CPU time (from {@code /proc}, so the broker must run on this machine) over the messages
 * sent. Persistent messages (what the platform publishes) and transient ones side by side, each
 * rate in one run, to a classic queue in each storage format: version 1 (what the services
 * declare) and version 2 ({@code x-queue-version}, RabbitMQ 3.10+), a candidate that on 3.10
 * cost more per persistent message, not less (600/s: 1,092 us against 495).
 *
 * <p>Usage: {@code BrokerCostBench amqpUri seconds rate...}
 */
public final class BrokerCostBench {

    private static final int BODY_BYTES = 600;

    public static void main(String[] args) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(args[0]);
        int seconds = Integer.parseInt(args[1]);
        long broker = brokerPid();
        String prefix = "bench.broker-cost." + Long.toHexString(System.nanoTime());
        try (Connection connection = factory.newConnection("broker-cost-bench")) {
            Channel publisher = connection.createChannel();
            publisher.confirmSelect();
            // Classic queues in their first and second storage format (RabbitMQ 3.10+: x-queue-version).
            for (int version : new int[] {1, 2}) {
                String queue = prefix + ".v" + version;
                publisher.queueDeclare(queue, true, false, false, Map.of("x-queue-version", version));
                Channel consumer = connection.createChannel();
                consumer.basicQos(250);
                consumer.basicConsume(queue, false, (tag, delivery) ->
                        consumer.basicAck(delivery.getEnvelope().getDeliveryTag(), false), tag -> { });
                run(publisher, queue, broker, 200, 2, true);   // warm-up, not reported
                for (int i = 2; i < args.length; i++) {
                    int rate = Integer.parseInt(args[i]);
                    for (boolean persistent : new boolean[] {true, false}) {
                        double micros = run(publisher, queue, broker, rate, seconds, persistent);
                        System.out.printf("classic v%d  %6d msg/s  %-10s  broker CPU %6.0f us per message%n",
                                version, rate, persistent ? "persistent" : "transient", micros);
                    }
                }
                consumer.close();
                publisher.queueDelete(queue);
            }
        }
    }

    /** Publishes {@code rate * seconds} messages at the rate; the broker's CPU per message, in microseconds. */
    private static double run(Channel channel, String queue, long broker, int rate, int seconds, boolean persistent)
            throws Exception {
        AMQP.BasicProperties properties = new AMQP.BasicProperties.Builder()
                .contentType("application/json").deliveryMode(persistent ? 2 : 1).build();
        byte[] body = new byte[BODY_BYTES];
        int messages = rate * seconds;
        long cpuBefore = cpuTicks(broker);
        long start = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            long due = start + i * TimeUnit.SECONDS.toNanos(1) / rate;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            channel.basicPublish("", queue, properties, body);
        }
        channel.waitForConfirmsOrDie(10_000);
        // The consumer's acknowledgements of the last messages are the broker's work too.
        while (channel.messageCount(queue) > 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
        return (cpuTicks(broker) - cpuBefore) * 10_000.0 / messages;
    }

    private static long brokerPid() {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(command -> command.endsWith("beam.smp")).orElse(false))
                .findFirst().orElseThrow(() -> new IllegalStateException("no RabbitMQ (beam.smp) on this machine"))
                .pid();
    }

    /** User plus system time of the process, in clock ticks (1/100 s). */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
