package ai.sentiric.testkit;

/** An AMQP 0-9-1 broker: RabbitMQ, or Qpid Broker-J when embedded. */
public record AmqpEndpoint(String host, int port, String user, String password, String virtualHost, Source source) {

    public String uri() {
        return "amqp://" + user + ":" + password + "@" + host + ":" + port
                + ("/".equals(virtualHost) ? "" : "/" + virtualHost);
    }
}
