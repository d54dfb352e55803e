package dev.pressuremonitor.server.access;

/**
 * Who a token speaks for.
 *
 * @param kind AGENT sends a rep's calls; VIEWER watches one rep's overlay and reports; TEAM reads a team's page;
 *             OPERATOR reads /metrics (every team's figures) and nothing else
 */
public record Principal(Kind kind, String rep, String team) {
    public enum Kind { AGENT, VIEWER, TEAM, OPERATOR }

    /** What an unauthenticated local server grants: everything. */
    public static final Principal LOCAL = new Principal(Kind.TEAM, "*", "*");

    public boolean isLocal() {
        return this == LOCAL;
    }

    /** A rep is a person of a team: ana of apac may not act as ana of emea. */
    public boolean mayActAs(String team, String rep) {
        return isLocal() || (this.rep.equals(rep) && this.team.equals(team));
    }

    public boolean maySeeTeam(String team) {
        return isLocal() || this.team.equals(team);
    }
}
