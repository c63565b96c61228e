package dev.rdpprobe.bench.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The facts both tools are asked for — the NTLM identity of every host — read back from what each
 * printed, so that the comparison is between runs that really delivered them: from nmap's
 * {@code rdp-ntlm-info} block ({@code NetBIOS_Computer_Name}, {@code Product_Version}) and from
 * rdp-probe's JSON lines ({@code netbiosComputerName}, {@code osVersion}).
 */
final class NtlmFacts {

    private static final Pattern NMAP_NAME = Pattern.compile("NetBIOS_Computer_Name: (\\S+)");
    private static final Pattern NMAP_VERSION = Pattern.compile("Product_Version: (\\S+)");
    private static final Pattern JSON_NAME = Pattern.compile("\"netbiosComputerName\":\"([^\"]*)\"");
    private static final Pattern JSON_VERSION = Pattern.compile("\"osVersion\":\"([^\"]*)\"");

    private NtlmFacts() {
    }

    /** {@code name version} for every host in nmap's output that has an rdp-ntlm-info block. */
    static List<String> fromNmap(String output) {
        List<String> facts = new ArrayList<>();
        for (String block : output.split("Nmap scan report for ")) {
            Matcher name = NMAP_NAME.matcher(block);
            Matcher version = NMAP_VERSION.matcher(block);
            if (block.contains("rdp-ntlm-info") && name.find() && version.find()) {
                facts.add(name.group(1) + " " + version.group(1));
            }
        }
        return facts;
    }

    /** {@code name version} for every JSON line of rdp-probe that carries the NTLM facts. */
    static List<String> fromJsonLines(String output) {
        List<String> facts = new ArrayList<>();
        for (String line : output.split("\n")) {
            Matcher name = JSON_NAME.matcher(line);
            Matcher version = JSON_VERSION.matcher(line);
            if (name.find() && version.find()) {
                facts.add(name.group(1) + " " + version.group(1));
            }
        }
        return facts;
    }
}
