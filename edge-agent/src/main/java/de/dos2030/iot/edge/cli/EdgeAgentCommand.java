package de.dos2030.iot.edge.cli;
public class EdgeAgentCommand { public static void main(String[] a) {} }
