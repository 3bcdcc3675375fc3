package io.mcpbridge.dr.simulator;

import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulated MCP Bridge until interrupted.
 *
 * <pre>java -jar bridge-simulator.jar [gatewayPort=18080] [routerPort=19091] [controlPort=18099] [bindAddress=127.0.0.1]</pre>
 */
public final class BridgeSimulatorMain {

    private BridgeSimulatorMain() {}

    public static void main(String[] args) throws InterruptedException {
        int gatewayPort = args.length > 0 ? Integer.parseInt(args[0]) : 18080;
        int routerPort = args.length > 1 ? Integer.parseInt(args[1]) : 19091;
        int controlPort = args.length > 2 ? Integer.parseInt(args[2]) : 18099;
        String bindAddress = args.length > 3 ? args[3] : "127.0.0.1";
        BridgeSimulator simulator = BridgeSimulator.start(bindAddress, gatewayPort, routerPort, controlPort);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            simulator.close();
                            stopped.countDown();
                        },
                        "simulator-stop"));
        System.out.printf(
                "simulated MCP Bridge on %s: gateway :%d/health, router :%d/health, control :%d/sim%n",
                bindAddress, gatewayPort, routerPort, controlPort);
        stopped.await();
    }
}
