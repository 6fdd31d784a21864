package org.c4tap.cli.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.c4tap.cli.demo.Demo;
import org.c4tap.cli.james.Installation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code c4tap demo}: the whole path on two real James servers, checked. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Start an operator gateway and a council gateway (real Apache James 3.8.1 servers on loopback),",
                "forward a suspicious mail to the report address, and check that every organisation received",
                "exactly the notice its scope allows, decrypted with its own key. Exit status 0 only if all checks pass."})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--work", paramLabel = "DIR", description = "the folder for the PKI, the servers and their logs (default: a new temporary folder)")
    Path work;

    @Override
    public Integer call() throws Exception {
        Path folder = work != null ? Files.createDirectories(work) : Files.createTempDirectory("c4tap-demo-");
        System.out.println("[demo]     work folder: " + folder.toAbsolutePath());
        boolean ok = new Demo(folder.toAbsolutePath(), Installation.locate(), line -> {
            System.out.println(line);
            System.out.flush();
        }).run();
        return ok ? 0 : 1;
    }
}
