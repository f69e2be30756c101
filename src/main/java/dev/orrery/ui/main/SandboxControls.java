package dev.orrery.ui.main;

import dev.orrery.model.Server;

/** The sandbox as the window's menu and Delete reach it ({@code ui.sandbox.SandboxUi} implements it). */
public interface SandboxControls {
    /** True while this window runs the sandbox's processes (shown or in the background). */
    boolean running();

    /** True while the sandbox is the cluster shown. */
    boolean shown();

    /** Starts the sandbox (and shows it), or shows it when it runs in the background. */
    void start();

    void stop();

    /** Stops it, deletes its folder and starts a new one from v1. */
    void reset();

    /** Opens the balancer's address (or the first app server's) in the browser. */
    void openApp();

    /** True for a server that is one of the sandbox's processes. */
    boolean owns(Server server);

    /** Delete on such a server: asks, then stops its process and takes it out of the balancer. */
    void delete(Server server);
}
