package dev.rdpprobe.core.pdu.credssp;

import dev.rdpprobe.core.outcome.CredSspFacts;

/** PLACEHOLDER until the codec branch merges. */
public sealed interface CredSspAnswer {
    CredSspFacts facts();

    record Challenge(CredSspFacts facts) implements CredSspAnswer {
    }

    record Error(CredSspFacts facts, long ntStatus, String name) implements CredSspAnswer {
    }

    record NoChallenge(CredSspFacts facts, String what) implements CredSspAnswer {
    }
}
