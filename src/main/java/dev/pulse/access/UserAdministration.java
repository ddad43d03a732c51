package dev.pulse.access;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;

/**
 * What {@code pulse users} and {@code pulse tokens} do: on the database itself ({@link UserStore}), or,
 * while a server holds the database, through that server (dev.pulse.server.AdminSocket), which then also
 * ends the sessions and forgets the tokens a change makes invalid.
 */
public interface UserAdministration {
    /** A new random password (120 bits). */
    String generatePassword();

    User add(String actor, String email, Role role, String partnerId, String password) throws UserStore.AccessException, SQLException, IOException;

    List<User> list() throws SQLException, IOException;

    void remove(String actor, String email) throws UserStore.AccessException, SQLException, IOException;

    void setPassword(String actor, String email, String password) throws UserStore.AccessException, SQLException, IOException;

    /** @return the token, to be shown once */
    String createToken(String actor, String email, String name) throws UserStore.AccessException, SQLException, IOException;

    List<UserStore.Token> tokens() throws SQLException, IOException;

    void revokeToken(String actor, String tokenId) throws UserStore.AccessException, SQLException, IOException;
}
